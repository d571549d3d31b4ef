"""Terms of use, legal notice, privacy and cookie policies (demo content).

The publisher, host, registration numbers and people named here are fictitious examples.
They must be replaced with real information before any production use.
"""

T = dict[str, str]

LEGAL_PAGES: list[dict] = [
    {
        "slug": "conditions-utilisation",
        "kind": "terms",
        "title": {"fr": "Conditions d'utilisation", "en": "Terms of use"},
        "sections": [
            {
                "heading": {"fr": "Objet", "en": "Purpose"},
                "html": {
                    "fr": "<p>Les présentes conditions encadrent l'utilisation de la plateforme Khepri, qui met en relation des personnes souhaitant être accompagnées (les « patients ») et des praticiens indépendants proposant des séances à distance, par vidéo ou par téléphone.</p>"
                    "<p>En créant un compte, vous acceptez ces conditions. Elles peuvent évoluer ; en cas de modification importante, vous en êtes informé par e-mail avant leur entrée en vigueur.</p>",
                    "en": '<p>These terms govern the use of the Khepri platform, which connects people seeking support ("patients") with independent practitioners offering remote sessions by video or phone.</p>'
                    "<p>By creating an account, you accept these terms. They may change; in case of a significant change, you are informed by email before it takes effect.</p>",
                },
            },
            {
                "heading": {"fr": "Le rôle de Khepri", "en": "Khepri's role"},
                "html": {
                    "fr": "<p>Khepri fournit les outils de réservation, de visio, de paiement et de facturation. Les praticiens exercent en toute indépendance et restent seuls responsables du contenu de leurs séances, dans le respect des règles de leur profession.</p>"
                    "<p>Khepri n'est ni un établissement de santé ni un service d'urgence. Les pratiques proposées ne remplacent pas un avis, un diagnostic ou un traitement médical. En cas d'urgence, appelez le 15, le 112 ou, si vous pensez au suicide, le 3114.</p>",
                    "en": "<p>Khepri provides the tools for booking, video, payment and fee notes. Practitioners work independently and remain solely responsible for the content of their sessions, in keeping with the rules of their profession.</p>"
                    "<p>Khepri is neither a healthcare facility nor an emergency service. The practices offered do not replace medical advice, diagnosis or treatment. In an emergency, call 15, 112 or, if you are thinking about suicide, 3114.</p>",
                },
            },
            {
                "heading": {"fr": "Votre compte", "en": "Your account"},
                "html": {
                    "fr": "<ul><li>Les informations que vous fournissez doivent être exactes, en particulier votre numéro de téléphone, utilisé si la vidéo est interrompue.</li>"
                    "<li>Votre compte est personnel ; gardez votre mot de passe confidentiel.</li>"
                    "<li>Pour une personne mineure, la réservation est effectuée depuis le compte d'un titulaire de l'autorité parentale, qui donne son accord.</li>"
                    "<li>Vous pouvez supprimer votre compte à tout moment depuis votre espace.</li></ul>",
                    "en": "<ul><li>The information you provide must be accurate, especially your phone number, which is used if the video is interrupted.</li>"
                    "<li>Your account is personal; keep your password confidential.</li>"
                    "<li>For a minor, the booking is made from the account of a holder of parental authority, who gives consent.</li>"
                    "<li>You can delete your account at any time from your account page.</li></ul>",
                },
            },
            {
                "heading": {
                    "fr": "Réservation, paiement et annulation",
                    "en": "Booking, payment and cancellation",
                },
                "html": {
                    "fr": "<p>Le tarif de chaque séance est fixé par le praticien et affiché, toutes taxes et frais compris, avant la réservation. Le paiement s'effectue en ligne lors de la réservation, ou par utilisation d'une séance de forfait.</p>"
                    "<ul><li>Annulation ou report gratuits jusqu'à 24 heures avant la séance : la somme est remboursée ou la séance recréditée.</li>"
                    "<li>Moins de 24 heures avant, ou en cas d'absence, la séance reste due. La première annulation tardive de chaque patient n'est toutefois pas facturée.</li>"
                    "<li>Si le praticien annule, vous êtes intégralement remboursé.</li>"
                    "<li>Si un incident technique empêche de terminer la séance, le temps restant est reprogrammé sans frais.</li></ul>",
                    "en": "<p>The price of each session is set by the practitioner and shown, including all taxes and fees, before booking. Payment is made online when booking, or by using a package session.</p>"
                    "<ul><li>Free cancellation or rescheduling up to 24 hours before the session: the amount is refunded or the session credited back.</li>"
                    "<li>Less than 24 hours before, or if you do not attend, the session remains due. Each patient's first late cancellation is not charged, however.</li>"
                    "<li>If the practitioner cancels, you are refunded in full.</li>"
                    "<li>If a technical incident prevents the session from being completed, the remaining time is rescheduled at no cost.</li></ul>",
                },
            },
            {
                "heading": {
                    "fr": "Forfaits et séances financées par un employeur",
                    "en": "Packages and employer-funded sessions",
                },
                "html": {
                    "fr": "<p>Les forfaits sont valables pendant la durée indiquée lors de l'achat. Vous disposez d'un délai de rétractation de quatorze jours à compter de l'achat, tant qu'aucune séance n'a été utilisée.</p>"
                    "<p>Les séances financées par un employeur sont utilisables dans la limite fixée par celui-ci. L'employeur n'a accès à aucune information permettant de vous identifier ni de connaître le contenu ou l'objet de vos séances.</p>",
                    "en": "<p>Packages are valid for the period stated at purchase. You have fourteen days from purchase to withdraw, as long as no session has been used.</p>"
                    "<p>Employer-funded sessions can be used within the limit the employer sets. The employer has no access to any information that could identify you or reveal the content or subject of your sessions.</p>",
                },
            },
            {
                "heading": {"fr": "Engagements des praticiens", "en": "Practitioners' commitments"},
                "html": {
                    "fr": "<p>Avant publication de leur profil, les praticiens transmettent une pièce d'identité, leurs diplômes, une attestation d'assurance de responsabilité civile professionnelle et leur numéro SIRET, ainsi que leur numéro ADELI ou RPPS pour les professions réglementées.</p>"
                    "<p>Ils s'engagent à respecter leur code de déontologie, à orienter vers un médecin lorsque c'est nécessaire et à répondre aux demandes de rendez-vous dans les délais annoncés. Khepri perçoit une commission de 20 % sur chaque séance réalisée et leur reverse le solde chaque mois.</p>",
                    "en": "<p>Before their profile is published, practitioners provide an identity document, their diplomas, a professional liability insurance certificate and their SIRET number, as well as their ADELI or RPPS number for regulated professions.</p>"
                    "<p>They undertake to follow their code of ethics, to refer people to a doctor when necessary and to answer appointment requests within the stated time. Khepri takes a 20% commission on each completed session and pays them the balance every month.</p>",
                },
            },
            {
                "heading": {"fr": "Bon usage", "en": "Acceptable use"},
                "html": {
                    "fr": "<ul><li>Les séances ne peuvent être enregistrées, filmées ou diffusées par aucune des parties sans l'accord écrit de l'autre.</li>"
                    "<li>Les échanges doivent rester respectueux ; tout comportement abusif peut entraîner la suspension du compte.</li>"
                    "<li>La plateforme ne doit pas être utilisée pour contourner les paiements ou démarcher des patients.</li></ul>",
                    "en": "<ul><li>Sessions may not be recorded, filmed or shared by either party without the other's written consent.</li>"
                    "<li>Exchanges must remain respectful; any abusive behaviour may lead to the account being suspended.</li>"
                    "<li>The platform must not be used to bypass payments or to solicit patients.</li></ul>",
                },
            },
            {
                "heading": {
                    "fr": "Droit applicable et litiges",
                    "en": "Governing law and disputes",
                },
                "html": {
                    "fr": "<p>Ces conditions sont soumises au droit français. En cas de difficulté, contactez-nous d'abord : nous cherchons toujours une solution amiable. Si elle n'aboutit pas, vous pouvez recourir gratuitement au médiateur de la consommation indiqué dans les mentions légales, avant toute action devant les tribunaux compétents.</p>",
                    "en": "<p>These terms are governed by French law. If a problem arises, please contact us first: we always look for an amicable solution. If none is found, you may refer the matter free of charge to the consumer mediator named in the legal notice, before any action before the competent courts.</p>",
                },
            },
        ],
    },
    {
        "slug": "mentions-legales",
        "kind": "notice",
        "title": {"fr": "Mentions légales", "en": "Legal notice"},
        "sections": [
            {
                "heading": {"fr": "Éditeur du site", "en": "Publisher"},
                "html": {
                    "fr": "<p><strong>Khepri SAS (exemple)</strong>, société par actions simplifiée au capital de 10 000 euros</p>"
                    "<ul><li>Siège social : 27 rue des Exemples, 75011 Paris, France</li>"
                    "<li>RCS Paris 000 000 000 (numéro fictif)</li>"
                    "<li>TVA intracommunautaire : FR00 000000000 (numéro fictif)</li>"
                    "<li>Contact : bonjour@khepri.example, +33 1 84 80 00 00</li></ul>",
                    "en": "<p><strong>Khepri SAS (example)</strong>, a French simplified joint-stock company with a share capital of 10,000 euros</p>"
                    "<ul><li>Registered office: 27 rue des Exemples, 75011 Paris, France</li>"
                    "<li>Paris Trade and Companies Register 000 000 000 (fictitious number)</li>"
                    "<li>EU VAT number: FR00 000000000 (fictitious number)</li>"
                    "<li>Contact: bonjour@khepri.example, +33 1 84 80 00 00</li></ul>",
                },
            },
            {
                "heading": {"fr": "Direction de la publication", "en": "Publication director"},
                "html": {
                    "fr": "<p>La directrice de la publication est Mme Jeanne Exemple, présidente de Khepri SAS (personne fictive).</p>",
                    "en": "<p>The publication director is Ms Jeanne Exemple, president of Khepri SAS (fictitious person).</p>",
                },
            },
            {
                "heading": {"fr": "Hébergement", "en": "Hosting"},
                "html": {
                    "fr": "<p>Le site et les données sont hébergés en France par <strong>Hébergeur Exemple SAS</strong> (société fictive), 8 allée des Serveurs, 59000 Lille, titulaire de la certification d'hébergeur de données de santé (HDS).</p>",
                    "en": "<p>The site and its data are hosted in France by <strong>Hébergeur Exemple SAS</strong> (fictitious company), 8 allée des Serveurs, 59000 Lille, which holds the French health data hosting certification (HDS).</p>",
                },
            },
            {
                "heading": {"fr": "Praticiens", "en": "Practitioners"},
                "html": {
                    "fr": "<p>Les praticiens présents sur Khepri exercent à titre indépendant. Leur identité, leur profession, leur numéro SIRET et, le cas échéant, leur numéro ADELI ou RPPS figurent sur leur fiche et sur chaque note d'honoraires. Les profils présentés sur ce site de démonstration sont fictifs.</p>",
                    "en": "<p>Practitioners on Khepri work independently. Their identity, profession, SIRET number and, where relevant, ADELI or RPPS number appear on their profile and on every fee note. The profiles shown on this demonstration site are fictitious.</p>",
                },
            },
            {
                "heading": {"fr": "Propriété intellectuelle", "en": "Intellectual property"},
                "html": {
                    "fr": "<p>Les textes, illustrations et éléments graphiques du site sont la propriété de Khepri SAS ou de leurs auteurs et ne peuvent être reproduits sans autorisation. Le logiciel qui fait fonctionner la plateforme est un logiciel libre, distribué sous licence GNU AGPL version 3 ou ultérieure.</p>",
                    "en": "<p>The texts, illustrations and graphic elements of the site belong to Khepri SAS or their authors and may not be reproduced without permission. The software that runs the platform is free software, distributed under the GNU AGPL licence, version 3 or later.</p>",
                },
            },
            {
                "heading": {"fr": "Médiation de la consommation", "en": "Consumer mediation"},
                "html": {
                    "fr": "<p>Conformément au Code de la consommation, vous pouvez recourir gratuitement à un médiateur en cas de litige non résolu avec nous : Médiateur Exemple (organisme fictif), 4 place de la Conciliation, 69002 Lyon, mediateur.example.</p>",
                    "en": "<p>In accordance with the French Consumer Code, you may refer an unresolved dispute with us to a mediator free of charge: Médiateur Exemple (fictitious body), 4 place de la Conciliation, 69002 Lyon, mediateur.example.</p>",
                },
            },
            {
                "heading": {"fr": "Signaler un contenu", "en": "Reporting content"},
                "html": {
                    "fr": "<p>Si un contenu vous semble inexact, trompeur ou contraire à la loi, notamment une promesse de guérison, signalez-le à bonjour@khepri.example. Nous l'examinons et le retirons si nécessaire.</p>",
                    "en": "<p>If any content seems inaccurate, misleading or unlawful to you, including a promise of a cure, report it to bonjour@khepri.example. We review it and remove it if necessary.</p>",
                },
            },
        ],
    },
    {
        "slug": "politique-confidentialite",
        "kind": "privacy",
        "title": {"fr": "Politique de confidentialité", "en": "Privacy policy"},
        "sections": [
            {
                "heading": {"fr": "Qui traite vos données", "en": "Who processes your data"},
                "html": {
                    "fr": "<p>Khepri SAS (exemple) est responsable du traitement des données nécessaires au fonctionnement de la plateforme. Chaque praticien est responsable des informations qu'il recueille pendant ses séances. Pour toute question, écrivez à notre délégué à la protection des données : dpo@khepri.example.</p>",
                    "en": "<p>Khepri SAS (example) is the controller for the data needed to run the platform. Each practitioner is responsible for the information they gather during their sessions. For any question, write to our data protection officer: dpo@khepri.example.</p>",
                },
            },
            {
                "heading": {"fr": "Les données que nous collectons", "en": "The data we collect"},
                "html": {
                    "fr": "<p>Nous appliquons un principe simple : ne demander que ce qui est indispensable.</p>"
                    "<ul><li>Pour réserver : votre nom, votre adresse e-mail et votre numéro de téléphone.</li>"
                    "<li>Pour le suivi de votre compte : vos rendez-vous, vos paiements et vos notes d'honoraires.</li>"
                    "<li>Pour les praticiens : les justificatifs nécessaires à la vérification du profil et leurs coordonnées bancaires.</li></ul>"
                    "<p><strong>Le motif de votre consultation ne vous est jamais demandé</strong> dans un formulaire. Vos données de carte bancaire sont traitées par notre prestataire de paiement et ne sont pas conservées par Khepri.</p>",
                    "en": "<p>We follow a simple principle: only ask for what is essential.</p>"
                    "<ul><li>To book: your name, email address and phone number.</li>"
                    "<li>To manage your account: your appointments, payments and fee notes.</li>"
                    "<li>For practitioners: the documents needed to verify their profile, and their bank details.</li></ul>"
                    "<p><strong>You are never asked for the reason for your consultation</strong> in a form. Your card details are handled by our payment provider and are not stored by Khepri.</p>",
                },
            },
            {
                "heading": {
                    "fr": "Données de santé et notes de séance",
                    "en": "Health data and session notes",
                },
                "html": {
                    "fr": "<p>Le simple fait de consulter certains praticiens peut révéler des informations sur votre santé. Nous traitons donc ces données comme des données de santé au sens de l'article 9 du RGPD : elles sont hébergées en France par un hébergeur certifié pour les données de santé, chiffrées et accessibles uniquement aux personnes qui en ont besoin.</p>"
                    "<p>Les notes qu'un praticien prend pendant ou après une séance ne sont visibles que par leur auteur. Ni l'équipe de Khepri, ni les autres praticiens, ni votre employeur n'y ont accès. Les séances ne sont jamais enregistrées.</p>",
                    "en": "<p>The mere fact of seeing certain practitioners can reveal information about your health. We therefore treat this data as health data within the meaning of Article 9 of the GDPR: it is hosted in France by a certified health data host, encrypted and accessible only to the people who need it.</p>"
                    "<p>Notes a practitioner takes during or after a session are visible only to their author. Neither the Khepri team, other practitioners nor your employer can access them. Sessions are never recorded.</p>",
                },
            },
            {
                "heading": {
                    "fr": "Pourquoi nous utilisons vos données",
                    "en": "Why we use your data",
                },
                "html": {
                    "fr": "<ul><li>Gérer votre compte, vos rendez-vous et vos paiements : exécution du contrat.</li>"
                    "<li>Émettre et conserver les notes d'honoraires et les pièces comptables : obligation légale.</li>"
                    "<li>Traiter les données de santé : votre consentement explicite, recueilli lors de l'inscription.</li>"
                    "<li>Assurer la sécurité de la plateforme et prévenir la fraude : intérêt légitime.</li>"
                    "<li>Vous envoyer la lettre d'information : votre consentement, que vous pouvez retirer à tout moment.</li></ul>"
                    "<p>Vos données ne sont jamais vendues ni utilisées à des fins publicitaires.</p>",
                    "en": "<ul><li>Managing your account, appointments and payments: performance of the contract.</li>"
                    "<li>Issuing and keeping fee notes and accounting records: legal obligation.</li>"
                    "<li>Processing health data: your explicit consent, given when you sign up.</li>"
                    "<li>Keeping the platform secure and preventing fraud: legitimate interest.</li>"
                    "<li>Sending you the newsletter: your consent, which you can withdraw at any time.</li></ul>"
                    "<p>Your data is never sold or used for advertising.</p>",
                },
            },
            {
                "heading": {"fr": "Qui peut y accéder", "en": "Who can access it"},
                "html": {
                    "fr": "<ul><li>Le praticien avec lequel vous prenez rendez-vous, pour les informations utiles à la séance.</li>"
                    "<li>Nos prestataires techniques (hébergement, paiement, envoi d'e-mails et de SMS), dans la stricte limite de leur mission et sous contrat.</li>"
                    "<li>Si votre employeur finance vos séances, il reçoit uniquement des statistiques globales et anonymes.</li></ul>"
                    "<p>Les rappels envoyés par e-mail ou SMS ne mentionnent jamais la pratique ni le motif de la séance.</p>",
                    "en": "<ul><li>The practitioner you book with, for the information the session requires.</li>"
                    "<li>Our technical providers (hosting, payment, email and text-message delivery), strictly within the scope of their task and under contract.</li>"
                    "<li>If your employer funds your sessions, they only receive overall, anonymous statistics.</li></ul>"
                    "<p>Reminders sent by email or text message never mention the practice or the reason for the session.</p>",
                },
            },
            {
                "heading": {"fr": "Combien de temps nous les gardons", "en": "How long we keep it"},
                "html": {
                    "fr": "<ul><li>Les données de votre compte, tant que celui-ci est actif ; un compte inactif depuis trois ans est supprimé après vous avoir prévenu.</li>"
                    "<li>Les notes d'honoraires et les pièces comptables, dix ans, comme l'exige la loi, même après la suppression de votre compte.</li>"
                    "<li>Les messages envoyés via le formulaire de contact, un an.</li></ul>",
                    "en": "<ul><li>Your account data, for as long as the account is active; an account inactive for three years is deleted after we let you know.</li>"
                    "<li>Fee notes and accounting records, ten years, as required by law, even after your account is deleted.</li>"
                    "<li>Messages sent through the contact form, one year.</li></ul>",
                },
            },
            {
                "heading": {"fr": "Vos droits", "en": "Your rights"},
                "html": {
                    "fr": "<p>Vous disposez d'un droit d'accès, de rectification, d'effacement, de limitation, d'opposition et de portabilité de vos données, ainsi que du droit de retirer votre consentement. Depuis votre compte, page « Mes données » (menu du compte, ou « Mon profil »), vous pouvez à tout moment <strong>télécharger une copie de vos données</strong> dans un fichier lisible par d'autres services (droits d'accès et de portabilité) et <strong>supprimer votre compte</strong> (droit à l'effacement), après avoir confirmé votre mot de passe. Vos nom, coordonnées et cartes enregistrées sont alors effacés ; seules les notes d'honoraires déjà émises sont conservées, dix ans, comme la loi l'exige. Les notes de séance de votre praticien relèvent de son dossier professionnel : adressez-vous à lui.</p>"
                    "<p>Pour toute autre demande, écrivez à dpo@khepri.example. Si vous estimez que vos droits ne sont pas respectés, vous pouvez saisir la CNIL.</p>",
                    "en": "<p>You have the right to access, correct, erase, restrict, object to and port your data, as well as the right to withdraw your consent. From your account, on the “My data” page (in the account menu, or from “My profile”), you can at any time <strong>download a copy of your data</strong> in a file other services can read (rights of access and portability) and <strong>delete your account</strong> (right to erasure), after confirming your password. Your name, contact details and saved cards are then erased; only the fee notes already issued are kept, for ten years, as the law requires. Your practitioner's session notes belong to their professional record: ask them.</p>"
                    "<p>For any other request, write to dpo@khepri.example. If you believe your rights are not being respected, you can lodge a complaint with the CNIL, the French data protection authority.</p>",
                },
            },
            {
                "heading": {"fr": "Cookies", "en": "Cookies"},
                "html": {
                    "fr": "<p>Khepri n'utilise aucun cookie de suivi, de mesure d'audience ou de publicité. Seuls les cookies indispensables au fonctionnement du site sont déposés. Le détail figure dans notre politique relative aux cookies.</p>",
                    "en": "<p>Khepri uses no tracking, analytics or advertising cookies. Only the cookies the site needs to work are set. The details are in our cookie policy.</p>",
                },
            },
        ],
    },
    {
        "slug": "politique-cookies",
        "kind": "cookies",
        "title": {"fr": "Politique relative aux cookies", "en": "Cookie policy"},
        "sections": [
            {
                "heading": {"fr": "Qu'est-ce qu'un cookie ?", "en": "What is a cookie?"},
                "html": {
                    "fr": "<p>Un cookie est un petit fichier enregistré par votre navigateur lorsque vous visitez un site. Il permet par exemple de rester connecté d'une page à l'autre ou de mémoriser la langue choisie.</p>",
                    "en": "<p>A cookie is a small file stored by your browser when you visit a website. It lets you, for example, stay logged in from one page to the next or remember the language you chose.</p>",
                },
            },
            {
                "heading": {"fr": "Les cookies que nous utilisons", "en": "The cookies we use"},
                "html": {
                    "fr": "<p>Nous n'utilisons que des cookies strictement nécessaires :</p>"
                    "<ul><li>un cookie de session, pour vous garder connecté à votre espace ;</li>"
                    "<li>un cookie de sécurité, qui protège les formulaires contre les envois frauduleux ;</li>"
                    "<li>un cookie de langue, qui retient si vous préférez le français ou l'anglais.</li></ul>",
                    "en": "<p>We only use strictly necessary cookies:</p>"
                    "<ul><li>a session cookie, to keep you logged in to your account;</li>"
                    "<li>a security cookie, which protects forms against fraudulent submissions;</li>"
                    "<li>a language cookie, which remembers whether you prefer French or English.</li></ul>",
                },
            },
            {
                "heading": {"fr": "Ce que nous n'utilisons pas", "en": "What we do not use"},
                "html": {
                    "fr": "<p>Aucun cookie de mesure d'audience, de publicité ou de réseaux sociaux n'est déposé, et aucun outil de suivi tiers n'est intégré au site. Nous ne savons pas quelles pages vous consultez en dehors de ce qui est nécessaire pour vous les afficher.</p>",
                    "en": "<p>No analytics, advertising or social media cookies are set, and no third-party tracking tool is built into the site. We do not know which pages you visit beyond what is needed to show them to you.</p>",
                },
            },
            {
                "heading": {"fr": "Le paiement en ligne", "en": "Online payment"},
                "html": {
                    "fr": "<p>Au moment du paiement, notre prestataire peut déposer ses propres cookies, nécessaires à la sécurité de la transaction et à la prévention de la fraude. Ils ne servent pas à vous suivre sur d'autres sites.</p>",
                    "en": "<p>When you pay, our payment provider may set its own cookies, needed for the security of the transaction and to prevent fraud. They are not used to follow you on other sites.</p>",
                },
            },
            {
                "heading": {
                    "fr": "Pourquoi aucun bandeau ne vous est présenté",
                    "en": "Why you see no cookie banner",
                },
                "html": {
                    "fr": "<p>Les cookies strictement nécessaires au service que vous demandez ne nécessitent pas de consentement préalable. Comme nous n'en utilisons pas d'autres, nous n'avons pas besoin de vous interrompre avec un bandeau.</p>",
                    "en": "<p>Cookies that are strictly necessary for the service you request do not require prior consent. Since we use no others, we have no need to interrupt you with a banner.</p>",
                },
            },
            {
                "heading": {"fr": "Gérer les cookies", "en": "Managing cookies"},
                "html": {
                    "fr": "<p>Vous pouvez supprimer ou bloquer les cookies depuis les réglages de votre navigateur. Si vous bloquez les cookies nécessaires, vous ne pourrez plus vous connecter à votre espace. Cette politique peut évoluer ; la version en vigueur est toujours celle publiée sur cette page.</p>",
                    "en": "<p>You can delete or block cookies in your browser settings. If you block the necessary cookies, you will no longer be able to log in to your account. This policy may change; the version in force is always the one published on this page.</p>",
                },
            },
        ],
    },
]
