"""What brings people to Khepri: the concerns a visitor can start from (demo content).

Therapy slugs refer to `therapies.py`; the lists mirror each therapy's `concerns`.
"""

T = dict[str, str]

CONCERNS: list[dict] = [
    {
        "slug": "stress",
        "title": {"fr": "Stress", "en": "Stress"},
        "summary": {
            "fr": "Tensions, sensation de courir sans arrêt, difficulté à décrocher : quand le stress s'installe, il existe des façons concrètes de retrouver de l'air.",
            "en": "Tension, a feeling of always rushing, trouble switching off: when stress settles in, there are practical ways to get some breathing space back.",
        },
        "body": {
            "fr": "<p>Le stress se manifeste de bien des manières : nuque raide, mâchoires serrées, cœur qui s'accélère, pensées qui tournent, irritabilité, envie de tout faire en même temps ou au contraire de ne plus rien faire. Sur le moment, c'est une réaction utile ; c'est lorsqu'il dure qu'il devient pesant.</p>"
            "<p>Presque tout le monde traverse des périodes de stress, liées au travail, à la famille, à la santé ou à un changement de vie. Ce n'est pas un signe de faiblesse. On peut apprendre à repérer ses signaux et à faire redescendre la pression, même quand la situation ne change pas tout de suite.</p>"
            "<p>La sophrologie, la relaxation ou la méditation proposent des exercices à refaire seul au quotidien ; le coaching aide à agir sur les causes, et un psychologue peut accompagner un stress qui pèse sur tous les aspects de la vie. Si des symptômes physiques persistent (douleurs dans la poitrine, palpitations, troubles digestifs), consultez d'abord votre médecin.</p>",
            "en": "<p>Stress shows up in many ways: a stiff neck, a clenched jaw, a racing heart, thoughts going round, irritability, wanting to do everything at once or, on the contrary, nothing at all. In the moment it is a useful reaction; it becomes a burden when it lasts.</p>"
            "<p>Almost everyone goes through stressful periods, linked to work, family, health or a change in life. It is not a sign of weakness. You can learn to recognise its signals and bring the pressure down, even when the situation does not change straight away.</p>"
            "<p>Sophrology, relaxation and meditation offer exercises to repeat on your own every day; coaching helps you act on the causes, and a psychologist can support stress that weighs on every part of life. If physical symptoms persist (chest pain, palpitations, digestive trouble), see your doctor first.</p>",
        },
        "therapies": [
            "sophrologie",
            "hypnotherapie",
            "eft",
            "kinesiologie-brain-gym",
            "relaxation",
            "meditation-pleine-conscience",
            "psychologue",
            "psychologie-positive",
            "pnl",
            "naturopathie",
            "aromatherapie",
            "phytotherapie",
            "coaching-professionnel",
            "coaching-personnel",
        ],
    },
    {
        "slug": "deprime-depression",
        "title": {"fr": "Déprime et dépression", "en": "Low mood and depression"},
        "summary": {
            "fr": "Tristesse qui dure, perte d'envie, fatigue, sentiment de vide : en parler est un premier pas, et il existe des accompagnements qui aident.",
            "en": "Lasting sadness, loss of interest, tiredness, a sense of emptiness: talking about it is a first step, and there is support that helps.",
        },
        "body": {
            "fr": "<p>La déprime peut ressembler à un ciel gris qui ne se lève pas : moins d'envie, moins d'énergie, plus de larmes ou au contraire plus rien qui ne touche. Quand ces signes durent plus de deux semaines, s'accompagnent de troubles du sommeil, de l'appétit, de difficultés à se concentrer ou d'un sentiment de culpabilité, on parle parfois de dépression.</p>"
            "<p>La dépression est fréquente : une personne sur cinq environ la traverse au cours de sa vie. C'est une maladie, pas un manque de volonté, et elle se soigne. Plus on en parle tôt, plus il est facile d'être aidé.</p>"
            "<p>Un psychologue, et notamment les approches TCC ou ACT, peut vous aider à comprendre ce qui se passe et à retrouver peu à peu du mouvement. Un médecin doit aussi être consulté pour évaluer la situation et proposer, si besoin, un traitement. Si vous avez des idées de mort ou de suicide, appelez le 3114, gratuit et ouvert jour et nuit, ou le 15 en cas de danger immédiat.</p>",
            "en": "<p>Low mood can feel like a grey sky that never clears: less desire, less energy, more tears or, on the contrary, nothing that touches you any more. When these signs last more than two weeks and come with sleep or appetite problems, trouble concentrating or feelings of guilt, it may be depression.</p>"
            "<p>Depression is common: around one person in five goes through it in their lifetime. It is an illness, not a lack of willpower, and it can be treated. The earlier you talk about it, the easier it is to get help.</p>"
            "<p>A psychologist, especially with CBT or ACT, can help you understand what is happening and gradually get moving again. A doctor should also be consulted to assess the situation and, if needed, offer treatment. If you have thoughts of death or suicide, call 3114, free and open day and night, or 15 if you are in immediate danger.</p>",
        },
        "therapies": ["psychologue", "tcc", "act"],
    },
    {
        "slug": "burn-out",
        "title": {"fr": "Burn-out", "en": "Burnout"},
        "summary": {
            "fr": "Épuisement profond lié au travail, sentiment de ne plus y arriver, perte de sens : le burn-out se prévient et se traverse, avec du soutien.",
            "en": "Deep work-related exhaustion, a feeling you cannot cope any more, a loss of meaning: burnout can be prevented and overcome, with support.",
        },
        "body": {
            "fr": "<p>Le burn-out s'installe souvent lentement. On tient, on compense, on en fait toujours plus, jusqu'au jour où le corps et l'esprit ne suivent plus : fatigue que le repos ne répare pas, difficulté à se concentrer, irritabilité, cynisme envers son travail, parfois des larmes qui viennent sans prévenir.</p>"
            "<p>Ce n'est pas un échec personnel. Le burn-out touche souvent des personnes très engagées, et il est lié autant à l'organisation du travail qu'à la personne elle-même. On s'en remet, à condition de s'accorder du temps et d'être accompagné.</p>"
            "<p>Dans un premier temps, un médecin est indispensable : il évalue votre état et peut vous proposer un arrêt. Un psychologue aide ensuite à comprendre ce qui s'est joué et à reconstruire des limites ; la sophrologie ou la méditation soutiennent la récupération, et le coaching ou le bilan de compétences peuvent aider, plus tard, à préparer la reprise ou un nouveau projet.</p>",
            "en": "<p>Burnout often creeps in slowly. You hold on, compensate, keep doing more, until the day your body and mind can no longer keep up: tiredness that rest does not fix, trouble concentrating, irritability, cynicism about your work, sometimes tears that come without warning.</p>"
            "<p>It is not a personal failure. Burnout often affects very committed people, and it is linked to the way work is organised as much as to the person. People do recover, provided they give themselves time and get support.</p>"
            "<p>At first, a doctor is essential: they assess your state and may suggest sick leave. A psychologist then helps you understand what happened and rebuild your limits; sophrology or meditation support recovery, and coaching or a skills assessment can help, later on, to prepare your return or a new project.</p>",
        },
        "therapies": [
            "sophrologie",
            "meditation-pleine-conscience",
            "psychologue",
            "psychologie-positive",
            "tcc",
            "act",
            "analyse-transactionnelle",
            "coaching-professionnel",
            "bilan-de-competences",
        ],
    },
    {
        "slug": "phobies",
        "title": {"fr": "Phobies et peurs", "en": "Phobias and fears"},
        "summary": {
            "fr": "Peur de l'avion, des animaux, du vide, de parler en public : quand une peur limite votre vie, elle peut s'apprivoiser pas à pas.",
            "en": "Fear of flying, animals, heights or public speaking: when a fear limits your life, it can be tamed step by step.",
        },
        "body": {
            "fr": "<p>Une phobie est une peur intense, disproportionnée face à une situation ou un objet précis, que l'on sait souvent excessive sans parvenir à la contrôler. Elle pousse à éviter ce qui l'éveille, et cet évitement finit parfois par réduire beaucoup le quotidien : renoncer à un voyage, à une promotion, à une sortie.</p>"
            "<p>Les phobies sont très répandues et ne disent rien de votre courage. Elles font partie des difficultés pour lesquelles les accompagnements donnent souvent des résultats encourageants, même lorsqu'elles sont anciennes.</p>"
            "<p>Les TCC, avec une exposition très progressive et toujours consentie, sont l'approche la plus étudiée. L'hypnose, l'EFT, la sophrologie ou la PNL sont aussi choisies par de nombreuses personnes pour apaiser l'appréhension. Si la peur s'accompagne de crises d'angoisse fréquentes ou d'un isolement important, parlez-en aussi à votre médecin.</p>",
            "en": "<p>A phobia is an intense fear, out of proportion to a specific situation or object, that you often know is excessive yet cannot control. It leads you to avoid whatever triggers it, and this avoidance can end up shrinking daily life considerably: giving up a trip, a promotion, an outing.</p>"
            "<p>Phobias are very widespread and say nothing about your courage. They are among the difficulties where support often gives encouraging results, even when the fear is long-standing.</p>"
            "<p>CBT, with very gradual exposure you always agree to, is the most studied approach. Hypnosis, EFT, sophrology or NLP are also chosen by many people to ease apprehension. If the fear comes with frequent panic attacks or significant isolation, talk to your doctor as well.</p>",
        },
        "therapies": ["sophrologie", "hypnotherapie", "eft", "psychologue", "pnl", "tcc"],
    },
    {
        "slug": "sommeil",
        "title": {"fr": "Troubles du sommeil", "en": "Sleep problems"},
        "summary": {
            "fr": "Difficultés à s'endormir, réveils nocturnes, nuits qui ne reposent pas : le sommeil peut se rééduquer avec patience et de bons repères.",
            "en": "Trouble falling asleep, waking at night, nights that do not refresh you: sleep can be retrained with patience and good habits.",
        },
        "body": {
            "fr": "<p>Quand le sommeil se dérègle, on le ressent dans toute la journée : fatigue, humeur plus fragile, concentration en baisse. La nuit, on peut tourner longtemps avant de s'endormir, se réveiller à trois heures du matin avec l'esprit en alerte, ou se lever aussi las qu'en se couchant.</p>"
            "<p>Les difficultés de sommeil concernent un adulte sur trois environ à un moment de sa vie. Elles sont souvent liées au stress, aux horaires, aux écrans ou à des habitudes qui se sont installées sans qu'on s'en rende compte, et elles peuvent évoluer favorablement.</p>"
            "<p>Les TCC adaptées à l'insomnie sont recommandées en première intention ; la relaxation, la sophrologie, la méditation ou l'hypnose aident à relâcher la vigilance du soir, et la naturopathie ou la phytothérapie proposent des conseils d'hygiène de vie. Parlez à votre médecin si vous ronflez fortement, si vous faites des pauses respiratoires la nuit ou si la somnolence vous gêne en journée.</p>",
            "en": "<p>When sleep goes off track, you feel it all day long: tiredness, a more fragile mood, weaker concentration. At night you may toss and turn before falling asleep, wake at three in the morning with your mind on alert, or get up as weary as when you went to bed.</p>"
            "<p>Sleep difficulties affect around one adult in three at some point in life. They are often linked to stress, working hours, screens or habits that crept in unnoticed, and they can improve.</p>"
            "<p>CBT adapted to insomnia is the recommended first approach; relaxation, sophrology, meditation or hypnosis help release evening alertness, and naturopathy or herbal medicine offer lifestyle advice. Talk to your doctor if you snore loudly, stop breathing at night or feel sleepy enough during the day for it to get in the way.</p>",
        },
        "therapies": [
            "sophrologie",
            "hypnotherapie",
            "relaxation",
            "meditation-pleine-conscience",
            "tcc",
            "naturopathie",
            "aromatherapie",
            "phytotherapie",
        ],
    },
    {
        "slug": "deuil",
        "title": {"fr": "Deuil et perte", "en": "Grief and loss"},
        "summary": {
            "fr": "La perte d'un proche bouleverse. Chacun traverse le deuil à sa manière et à son rythme, et il est possible de ne pas le faire seul.",
            "en": "Losing someone close is overwhelming. Everyone grieves in their own way and at their own pace, and you do not have to do it alone.",
        },
        "body": {
            "fr": "<p>Après un décès, les émotions peuvent être très contrastées : tristesse, colère, soulagement parfois, culpabilité, sentiment d'irréalité. Le sommeil, l'appétit et la concentration sont souvent touchés, et certains jours semblent plus lourds que d'autres, notamment autour des dates anniversaires.</p>"
            "<p>Le deuil n'est pas une maladie : c'est un processus naturel, qui prend du temps et ne suit pas d'étapes figées. Il peut aussi concerner d'autres pertes, comme une séparation, un départ ou la fin d'un projet de vie.</p>"
            "<p>Un psychologue offre un lieu pour déposer ce qui est difficile à dire à l'entourage ; l'art-thérapie permet d'exprimer autrement ce qui ne trouve pas de mots, et la thérapie systémique accompagne la famille lorsque l'équilibre de chacun est bouleversé. Si la douleur reste intense et paralysante des mois après la perte, ou si des idées de rejoindre la personne disparue apparaissent, consultez un médecin ou appelez le 3114.</p>",
            "en": "<p>After a death, emotions can be very mixed: sadness, anger, sometimes relief, guilt, a sense of unreality. Sleep, appetite and concentration are often affected, and some days feel heavier than others, especially around anniversaries.</p>"
            "<p>Grief is not an illness: it is a natural process that takes time and does not follow fixed stages. It can also concern other losses, such as a separation, someone leaving or the end of a life plan.</p>"
            "<p>A psychologist offers a place to set down what is hard to say to those around you; art therapy lets you express what cannot find words, and systemic therapy supports the family when everyone's balance has been shaken. If the pain remains intense and paralysing months after the loss, or if thoughts of joining the person who died appear, see a doctor or call 3114.</p>",
        },
        "therapies": ["eft", "art-therapie", "psychologue", "therapie-systemique"],
    },
    {
        "slug": "addictions",
        "title": {"fr": "Addictions", "en": "Addictions"},
        "summary": {
            "fr": "Tabac, alcool, jeux, écrans ou autres substances : quand une habitude prend trop de place, on peut être aidé sans jugement.",
            "en": "Tobacco, alcohol, gambling, screens or other substances: when a habit takes up too much room, you can get help without judgement.",
        },
        "body": {
            "fr": "<p>Une addiction commence souvent par un soulagement ou un plaisir, puis la consommation devient difficile à contrôler malgré ses effets néfastes. On peut ressentir de la honte, de la fatigue à force d'essayer d'arrêter, ou de l'inquiétude de la part de ses proches.</p>"
            "<p>Les addictions sont fréquentes et touchent tous les milieux. Ce n'est pas une question de volonté : des mécanismes à la fois biologiques, psychologiques et sociaux sont en jeu. Beaucoup de personnes réussissent à réduire ou à arrêter, souvent après plusieurs tentatives, et chaque essai compte.</p>"
            "<p>Un psychologue, notamment formé aux TCC ou à l'ACT, aide à comprendre ce que la consommation apporte et à trouver d'autres appuis ; l'hypnose est souvent choisie pour l'arrêt du tabac, et la thérapie systémique peut soutenir l'entourage. Pour l'alcool, les drogues ou en cas de sevrage, un suivi médical est indispensable : parlez-en à votre médecin. Des services d'écoute anonymes existent aussi, comme Tabac Info Service, Alcool Info Service, Drogues Info Service ou Joueurs Info Service.</p>",
            "en": "<p>An addiction often starts as relief or pleasure, then the habit becomes hard to control despite its harmful effects. You may feel shame, weariness from trying to stop, or worry coming from the people close to you.</p>"
            "<p>Addictions are common and affect people from all walks of life. It is not a question of willpower: biological, psychological and social mechanisms are all involved. Many people manage to cut down or stop, often after several attempts, and every attempt counts.</p>"
            "<p>A psychologist, particularly one trained in CBT or ACT, helps you understand what the habit gives you and find other sources of support; hypnosis is often chosen to quit smoking, and systemic therapy can support family members. For alcohol, drugs or withdrawal, medical follow-up is essential: talk to your doctor. Anonymous French helplines also exist, such as Tabac Info Service, Alcool Info Service, Drogues Info Service and Joueurs Info Service.</p>",
        },
        "therapies": ["hypnotherapie", "psychologue", "tcc", "act", "therapie-systemique"],
    },
    {
        "slug": "anxiete",
        "title": {"fr": "Anxiété et angoisses", "en": "Anxiety and panic"},
        "summary": {
            "fr": "Inquiétudes permanentes, boule au ventre, crises d'angoisse : l'anxiété peut devenir envahissante, mais elle se comprend et s'apaise.",
            "en": "Constant worry, a knot in your stomach, panic attacks: anxiety can become overwhelming, but it can be understood and eased.",
        },
        "body": {
            "fr": "<p>L'anxiété se vit souvent comme un fond d'inquiétude qui ne s'arrête jamais : on anticipe le pire, on vérifie, on a du mal à se détendre. Elle peut aussi surgir en crise, avec un cœur qui s'emballe, une respiration courte, des vertiges et l'impression de perdre le contrôle.</p>"
            "<p>Les troubles anxieux sont parmi les difficultés psychologiques les plus fréquentes. Ils ne signifient pas que l'on est « trop sensible » et répondent bien, dans de nombreux cas, à un accompagnement adapté.</p>"
            "<p>Un psychologue, en particulier avec les TCC ou l'ACT, aide à comprendre ce qui entretient l'anxiété et à la réguler ; la sophrologie, la relaxation, la méditation ou l'EFT offrent des outils pour apaiser le corps. Lors d'une première crise, ou si des douleurs thoraciques apparaissent, consultez un médecin pour écarter une autre cause ; en cas d'urgence, appelez le 15.</p>",
            "en": "<p>Anxiety is often felt as a background of worry that never stops: you anticipate the worst, you check, you find it hard to relax. It can also strike as an attack, with a racing heart, short breath, dizziness and a feeling of losing control.</p>"
            '<p>Anxiety disorders are among the most common psychological difficulties. They do not mean you are "too sensitive", and in many cases they respond well to appropriate support.</p>'
            "<p>A psychologist, particularly with CBT or ACT, helps you understand what keeps anxiety going and how to regulate it; sophrology, relaxation, meditation or EFT offer tools to calm the body. During a first attack, or if chest pain appears, see a doctor to rule out another cause; in an emergency, call 15.</p>",
        },
        "therapies": [
            "sophrologie",
            "hypnotherapie",
            "eft",
            "relaxation",
            "meditation-pleine-conscience",
            "art-therapie",
            "psychologue",
            "tcc",
            "act",
        ],
    },
    {
        "slug": "confiance-en-soi",
        "title": {"fr": "Confiance en soi", "en": "Self-confidence"},
        "summary": {
            "fr": "Peur de mal faire, difficulté à s'affirmer, voix intérieure critique : la confiance en soi se construit, à tout âge.",
            "en": "Fear of getting it wrong, trouble standing up for yourself, a harsh inner voice: self-confidence can be built at any age.",
        },
        "body": {
            "fr": "<p>Le manque de confiance en soi peut se traduire par des hésitations constantes, la peur du regard des autres, la difficulté à dire non ou à prendre la parole, et une voix intérieure qui juge sévèrement chaque erreur. On finit parfois par renoncer à des projets qui nous tiennent pourtant à cœur.</p>"
            "<p>Ce sentiment est très partagé, y compris chez des personnes qui paraissent sûres d'elles. La confiance n'est pas un trait figé : elle se renforce par l'expérience, par un regard plus juste sur soi et par de petites réussites.</p>"
            "<p>Le coaching, la PNL ou la psychologie positive aident à mettre en mouvement et à repérer vos forces ; l'analyse transactionnelle éclaire vos façons d'entrer en relation, et un psychologue peut accompagner un manque de confiance plus ancien ou douloureux. Si ce mal-être s'accompagne de tristesse durable ou d'isolement, parlez-en aussi à votre médecin.</p>",
            "en": "<p>A lack of self-confidence can show up as constant hesitation, fear of what others think, difficulty saying no or speaking up, and an inner voice that judges every mistake harshly. Sometimes you end up giving up on projects that truly matter to you.</p>"
            "<p>This feeling is widely shared, including by people who seem sure of themselves. Confidence is not a fixed trait: it grows through experience, a fairer view of yourself and small successes.</p>"
            "<p>Coaching, NLP or positive psychology help you get moving and spot your strengths; transactional analysis sheds light on how you relate to others, and a psychologist can support a lack of confidence that is older or more painful. If this unease comes with lasting sadness or isolation, talk to your doctor as well.</p>",
        },
        "therapies": [
            "sophrologie",
            "hypnotherapie",
            "kinesiologie-brain-gym",
            "art-therapie",
            "psychologue",
            "psychologie-positive",
            "pnl",
            "analyse-transactionnelle",
            "coaching-professionnel",
            "coaching-personnel",
            "bilan-de-competences",
            "orientation-scolaire",
        ],
    },
    {
        "slug": "douleurs-chroniques",
        "title": {"fr": "Douleurs chroniques", "en": "Chronic pain"},
        "summary": {
            "fr": "Quand une douleur dure depuis des mois, elle pèse sur le moral et le quotidien. Certaines approches aident à mieux vivre avec elle.",
            "en": "When pain has lasted for months, it weighs on your mood and daily life. Some approaches can help you live with it more easily.",
        },
        "body": {
            "fr": "<p>Une douleur est dite chronique lorsqu'elle persiste plus de trois mois. Mal de dos, migraines, fibromyalgie, douleurs articulaires : au-delà de la sensation elle-même, elle fatigue, perturbe le sommeil, limite les activités et peut isoler.</p>"
            "<p>Des millions de personnes vivent avec une douleur chronique. Même lorsqu'elle ne disparaît pas complètement, il est souvent possible de réduire son impact sur la vie quotidienne, en agissant à la fois sur le corps, sur l'attention et sur les émotions qui l'accompagnent.</p>"
            "<p>La relaxation, la sophrologie, l'hypnose ou la méditation de pleine conscience aident beaucoup de personnes à moduler la perception de la douleur ; l'ACT permet de retrouver des activités qui comptent malgré elle. Ces approches complètent le suivi médical sans jamais le remplacer : toute douleur nouvelle ou qui change doit être signalée à votre médecin.</p>",
            "en": "<p>Pain is called chronic when it persists for more than three months. Back pain, migraines, fibromyalgia, joint pain: beyond the sensation itself, it tires you, disturbs sleep, limits activities and can isolate you.</p>"
            "<p>Millions of people live with chronic pain. Even when it does not go away completely, it is often possible to reduce its impact on daily life by working on the body, on attention and on the emotions that come with it.</p>"
            "<p>Relaxation, sophrology, hypnosis or mindfulness meditation help many people change how they perceive pain; ACT helps you get back to activities that matter despite it. These approaches complement medical care and never replace it: any new or changing pain should be reported to your doctor.</p>",
        },
        "therapies": [
            "sophrologie",
            "hypnotherapie",
            "relaxation",
            "meditation-pleine-conscience",
            "act",
        ],
    },
    {
        "slug": "troubles-alimentaires",
        "title": {"fr": "Troubles du comportement alimentaire", "en": "Eating disorders"},
        "summary": {
            "fr": "Restrictions, crises de boulimie, obsession du poids : ces troubles sérieux se soignent, avec une équipe qui associe médecin et accompagnement.",
            "en": "Restriction, binge eating, obsession with weight: these serious disorders can be treated, with a team that brings together a doctor and support.",
        },
        "body": {
            "fr": "<p>Les troubles du comportement alimentaire prennent différentes formes : restriction importante, crises où l'on mange beaucoup sans pouvoir s'arrêter, vomissements, pensées envahissantes autour du poids et de la silhouette. Ils s'accompagnent souvent de honte et se vivent en secret.</p>"
            "<p>Ces troubles touchent des personnes de tous âges et de tous genres, souvent dès l'adolescence. Ils sont sérieux mais on peut en guérir, et plus l'aide arrive tôt, mieux c'est. Demander de l'aide est un acte courageux.</p>"
            "<p>Le suivi repose sur une équipe : un médecin, qui surveille la santé physique, un psychologue formé à ces troubles, notamment aux TCC, un diététicien et parfois une thérapie familiale ou une art-thérapie. Les séances à distance peuvent faire partie de ce suivi, jamais le remplacer. En cas de malaise, de perte de poids rapide ou de vomissements fréquents, consultez un médecin sans attendre ; en cas d'urgence, appelez le 15.</p>",
            "en": "<p>Eating disorders take different forms: severe restriction, episodes of eating a lot without being able to stop, vomiting, intrusive thoughts about weight and body shape. They often come with shame and are lived in secret.</p>"
            "<p>These disorders affect people of all ages and genders, often from adolescence. They are serious, but recovery is possible, and the earlier help comes, the better. Asking for help is a brave act.</p>"
            "<p>Care relies on a team: a doctor who monitors physical health, a psychologist trained in these disorders, particularly in CBT, a dietitian and sometimes family therapy or art therapy. Remote sessions can be part of this care, never a replacement for it. If you feel faint, lose weight quickly or vomit often, see a doctor without delay; in an emergency, call 15.</p>",
        },
        "therapies": [
            "art-therapie",
            "psychologue",
            "tcc",
            "therapie-systemique",
            "nutrition-dietetique",
        ],
    },
    {
        "slug": "reconversion-professionnelle",
        "title": {"fr": "Reconversion professionnelle", "en": "Career change"},
        "summary": {
            "fr": "Envie de changer de métier, perte de sens, nouveau départ après un licenciement : un accompagnement aide à transformer l'envie en projet.",
            "en": "Wanting to change jobs, losing a sense of meaning, starting over after a redundancy: support helps turn the wish into a plan.",
        },
        "body": {
            "fr": "<p>L'envie de changer de voie peut naître d'un ennui qui s'installe, d'un désaccord avec ses valeurs, d'un événement de vie ou d'une contrainte extérieure. Elle s'accompagne souvent d'un mélange d'élan et de doutes : par où commencer, est-ce raisonnable, en suis-je capable ?</p>"
            "<p>Beaucoup d'actifs changent de métier au cours de leur vie, et ce n'est jamais trop tard pour se poser la question. Une reconversion se prépare par étapes : comprendre ce que l'on veut quitter et ce que l'on cherche, explorer, tester, puis se former si besoin.</p>"
            "<p>Le bilan de compétences offre un cadre complet pour construire un projet ; l'orientation professionnelle aide à explorer des métiers, et le coaching ou la PNL soutiennent le passage à l'action. Si le souhait de partir vient d'un épuisement ou d'une souffrance au travail, prenez aussi soin de votre santé en consultant votre médecin.</p>",
            "en": "<p>The wish to change direction may come from growing boredom, a clash with your values, a life event or an outside constraint. It often comes with a mix of drive and doubt: where do I start, is it sensible, can I do it?</p>"
            "<p>Many working people change careers during their lives, and it is never too late to ask the question. A career change is prepared in stages: understanding what you want to leave and what you are looking for, exploring, testing, then training if needed.</p>"
            "<p>A skills assessment offers a complete framework to build a plan; career guidance helps you explore occupations, and coaching or NLP support you in taking action. If the wish to leave comes from exhaustion or distress at work, also take care of your health by seeing your doctor.</p>",
        },
        "therapies": [
            "pnl",
            "coaching-professionnel",
            "coaching-personnel",
            "bilan-de-competences",
            "orientation-professionnelle",
        ],
    },
    {
        "slug": "gestion-des-emotions",
        "title": {"fr": "Gestion des émotions", "en": "Managing emotions"},
        "summary": {
            "fr": "Colère qui déborde, larmes qui surgissent, émotions qui submergent ou que l'on n'arrive plus à ressentir : on peut apprendre à les accueillir.",
            "en": "Anger that boils over, sudden tears, emotions that overwhelm you or that you can no longer feel: you can learn to welcome them.",
        },
        "body": {
            "fr": "<p>Certaines personnes se sentent débordées par leurs émotions : une remarque anodine déclenche une colère, une contrariété fait monter les larmes, et l'on regrette ensuite ses réactions. D'autres, au contraire, ont appris à tout garder pour elles et ne savent plus très bien ce qu'elles ressentent.</p>"
            "<p>Les émotions sont des informations utiles, pas des ennemies. Leur intensité dépend de notre histoire, de notre fatigue et du contexte. Apprendre à les reconnaître, à les nommer et à les exprimer de façon ajustée est possible à tout âge.</p>"
            "<p>La méditation, l'EFT ou la sophrologie offrent des outils pour se poser quand l'émotion monte ; l'analyse transactionnelle, l'ACT ou un psychologue aident à comprendre ce qui se rejoue, et l'art-thérapie ou la thérapie systémique ouvrent d'autres voies d'expression. Si vos réactions vous mettent en danger, vous ou d'autres, parlez-en rapidement à un médecin.</p>",
            "en": "<p>Some people feel overwhelmed by their emotions: a harmless remark triggers anger, a minor setback brings tears, and afterwards they regret how they reacted. Others, on the contrary, have learnt to keep everything inside and no longer quite know what they feel.</p>"
            "<p>Emotions are useful information, not enemies. Their intensity depends on our history, our tiredness and the context. Learning to recognise them, name them and express them in a balanced way is possible at any age.</p>"
            "<p>Meditation, EFT or sophrology offer tools to steady yourself when emotion rises; transactional analysis, ACT or a psychologist help you understand what is being replayed, and art therapy or systemic therapy open other ways of expressing yourself. If your reactions put you or others in danger, talk to a doctor soon.</p>",
        },
        "therapies": [
            "sophrologie",
            "eft",
            "kinesiologie-brain-gym",
            "meditation-pleine-conscience",
            "art-therapie",
            "psychologue",
            "psychologie-positive",
            "act",
            "analyse-transactionnelle",
            "therapie-systemique",
            "coaching-personnel",
        ],
    },
    {
        "slug": "equilibre-alimentaire",
        "title": {"fr": "Équilibre alimentaire", "en": "Balanced eating"},
        "summary": {
            "fr": "Manger plus varié, retrouver des repères, adapter ses repas à sa santé ou à son rythme : des conseils concrets, sans régime strict.",
            "en": "Eating a wider variety, finding your bearings again, adapting meals to your health or lifestyle: practical advice, with no strict diet.",
        },
        "body": {
            "fr": "<p>Entre les conseils contradictoires, le manque de temps et la fatigue, il n'est pas toujours simple de savoir quoi mettre dans son assiette. On grignote, on saute des repas, on culpabilise, ou l'on se sent simplement moins en forme sans savoir pourquoi.</p>"
            "<p>Il n'existe pas d'alimentation parfaite, mais des repères que chacun peut adapter à ses goûts, à son budget, à sa culture et à sa santé. De petits changements progressifs tiennent souvent mieux dans le temps que de grandes résolutions.</p>"
            "<p>Un diététicien vous aide à construire des repas adaptés à votre situation, y compris en cas de maladie chronique ; un naturopathe propose une approche globale de l'hygiène de vie. En cas de perte ou de prise de poids importante et inexpliquée, de troubles digestifs persistants ou de maladie chronique, parlez-en d'abord à votre médecin.</p>",
            "en": "<p>Between conflicting advice, lack of time and tiredness, it is not always easy to know what to put on your plate. You snack, skip meals, feel guilty, or simply feel less well without knowing why.</p>"
            "<p>There is no perfect diet, but there are guidelines everyone can adapt to their tastes, budget, culture and health. Small, gradual changes often last longer than big resolutions.</p>"
            "<p>A dietitian helps you build meals suited to your situation, including with a chronic condition; a naturopath offers a broader approach to lifestyle. In case of significant unexplained weight loss or gain, persistent digestive trouble or a chronic illness, talk to your doctor first.</p>",
        },
        "therapies": ["naturopathie", "nutrition-dietetique"],
    },
    {
        "slug": "orientation-etudes",
        "title": {"fr": "Choisir ses études", "en": "Choosing what to study"},
        "summary": {
            "fr": "Spécialités au lycée, vœux d'études supérieures, réorientation : des repères pour choisir en confiance, à son rythme.",
            "en": "Specialist subjects at school, higher-education applications, changing course: guidance to choose with confidence, at your own pace.",
        },
        "body": {
            "fr": "<p>Au moment de choisir une filière ou des études, beaucoup de jeunes se sentent perdus : trop de possibilités, pas assez d'informations, la peur de se tromper, et parfois des attentes familiales fortes. Les parents, eux, ne savent pas toujours comment aider sans décider à la place de leur enfant.</p>"
            "<p>Ne pas savoir quoi faire plus tard est très courant, y compris chez de bons élèves. Un choix d'orientation n'est pas définitif : il existe de nombreuses passerelles, et se réorienter fait partie de bien des parcours.</p>"
            "<p>L'orientation scolaire aide le jeune à mieux se connaître et à explorer les formations ; l'orientation professionnelle permet de relier études et métiers, et la kinésiologie éducative est parfois choisie pour aborder les examens plus sereinement. Si un mal-être important, un décrochage ou des difficultés d'apprentissage apparaissent, un médecin ou un psychologue pourra être consulté.</p>",
            "en": "<p>When it is time to choose a track or a course of study, many young people feel lost: too many options, not enough information, fear of making a mistake, and sometimes strong family expectations. Parents, for their part, do not always know how to help without deciding for their child.</p>"
            "<p>Not knowing what to do later is very common, including among good students. A choice of study is not final: there are many bridges between courses, and changing direction is part of many paths.</p>"
            "<p>Educational guidance helps young people know themselves better and explore courses; career guidance connects studies with occupations, and educational kinesiology is sometimes chosen to approach exams more calmly. If significant distress, dropping out or learning difficulties appear, a doctor or a psychologist can be consulted.</p>",
        },
        "therapies": [
            "kinesiologie-brain-gym",
            "orientation-professionnelle",
            "orientation-scolaire",
        ],
    },
    {
        "slug": "fatigue",
        "title": {"fr": "Fatigue persistante", "en": "Ongoing tiredness"},
        "summary": {
            "fr": "Réveils difficiles, coups de fatigue, manque d'élan : une fois les causes médicales écartées, l'hygiène de vie peut faire une vraie différence.",
            "en": "Hard mornings, energy slumps, lack of drive: once medical causes are ruled out, lifestyle changes can make a real difference.",
        },
        "body": {
            "fr": "<p>Se sentir fatigué dès le réveil, avoir besoin de café pour tenir, s'effondrer sur le canapé le soir : la fatigue qui dure finit par colorer toute la journée et rend plus difficile ce qui, d'habitude, se fait sans effort.</p>"
            "<p>La fatigue est l'une des plaintes les plus fréquentes. Elle a souvent plusieurs causes qui s'additionnent : sommeil insuffisant, alimentation déséquilibrée, sédentarité, stress, charge mentale. En agissant sur plusieurs de ces leviers, on retrouve souvent de l'énergie.</p>"
            "<p>La naturopathie et la diététique proposent un travail sur l'hygiène de vie ; la relaxation, l'aromathérapie ou la phytothérapie peuvent aider à mieux récupérer. Une fatigue qui dure plus de quelques semaines doit d'abord être signalée à votre médecin, qui recherchera une cause comme une anémie, un trouble de la thyroïde ou une dépression.</p>",
            "en": "<p>Feeling tired as soon as you wake up, needing coffee to keep going, collapsing on the sofa in the evening: lasting tiredness ends up colouring the whole day and makes harder what is usually effortless.</p>"
            "<p>Tiredness is one of the most common complaints. It often has several causes that add up: not enough sleep, unbalanced eating, too little movement, stress, mental load. By working on several of these levers, people often regain energy.</p>"
            "<p>Naturopathy and dietetics offer work on lifestyle; relaxation, aromatherapy or herbal medicine can help you recover better. Tiredness that lasts more than a few weeks should first be reported to your doctor, who will look for a cause such as anaemia, a thyroid problem or depression.</p>",
        },
        "therapies": [
            "kinesiologie-brain-gym",
            "relaxation",
            "naturopathie",
            "nutrition-dietetique",
            "aromatherapie",
            "phytotherapie",
        ],
    },
]
