// The widget settings page: the preview follows the form as it changes (the "Preview" button
// does the same without JavaScript). The copy button is the space's own (space.js).
(function () {
  "use strict";
  var form = document.querySelector("[data-widget-theme]");
  var frame = document.querySelector("[data-widget-preview]");
  var optionsNode = document.getElementById("widget-theme-options");
  if (form && frame && optionsNode) {
    var options = JSON.parse(optionsNode.textContent);
    var hex = /^#[0-9a-f]{6}$/i;
    var channels = function (c) { return [1, 3, 5].map(function (i) { return parseInt(c.substr(i, 2), 16); }); };
    var luminance = function (c) {
      var l = channels(c).map(function (v) { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
      return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
    };
    var contrast = function (a, b) { var x = luminance(a), y = luminance(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
    var mix = function (a, b, share) {
      var x = channels(a), y = channels(b);
      return "#" + x.map(function (v, i) { return ("0" + Math.round(v * (1 - share) + y[i] * share).toString(16)).slice(-2); }).join("");
    };
    var field = function (name) { var el = form.elements[name]; return el ? el.value : ""; };
    var update = function () {
      var doc = frame.contentDocument;
      if (!doc || !doc.documentElement) return;
      var scheme = field("scheme");
      var dark = scheme === "dark" || (scheme === "auto" && window.matchMedia("(prefers-color-scheme: dark)").matches);
      var suffix = dark ? "_dark" : "";
      var accent = field("accent" + suffix), background = field("background" + suffix);
      if (!hex.test(accent) || !hex.test(background)) return;
      var text = options.text[dark ? "dark" : "light"];
      var properties = {
        "--bg": background, "--surface": background, "--text": text[0], "--muted": text[1],
        "--primary": accent, "--primary-strong": accent,
        "--on-primary": contrast("#000000", accent) >= contrast("#ffffff", accent) ? "#000000" : "#ffffff",
        "--accent": mix(background, accent, 0.1), "--border": mix(background, text[0], 0.3),
        "--focus": accent, "--danger": text[2],
        "--font": options.fonts[field("font")] || options.fonts.system,
        "--button-radius": options.radii[field("button_style")] || options.radii.pill
      };
      var root = doc.documentElement;
      Object.keys(properties).forEach(function (name) { root.style.setProperty(name, properties[name]); });
      root.style.colorScheme = dark ? "dark" : "light";
    };
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    frame.addEventListener("load", update);
  }
})();
