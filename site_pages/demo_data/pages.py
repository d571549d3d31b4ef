"""Home page, standard pages, pricing, contact, newsletter and site-wide texts (demo content).

Prices are integer euro cents.
"""

T = dict[str, str]

HOME: dict = {
    "hero_title": {
        "fr": "Prendre soin de soi, depuis chez soi",
        "en": "Look after yourself, from home",
    },
    "hero_text": {
        "fr": "Sophrologie, psychologie, hypnose, nutrition, coaching, orientation : consultez un praticien vérifié par vidéo ou par téléphone, au moment qui vous convient, en toute discrétion.",
        "en": "Sophrology, psychology, hypnosis, nutrition, coaching, career guidance: see a verified practitioner by video or phone, at a time that suits you, with complete discretion.",
    },
    "hero_cta": {"fr": "Trouver mon praticien", "en": "Find my practitioner"},
    "steps_title": {"fr": "Comment ça se passe", "en": "How it works"},
    "steps": [
        {
            "title": {"fr": "Partez de ce qui vous amène", "en": "Start from what brings you"},
            "text": {
                "fr": "Stress, sommeil, deuil, envie de changer de métier : choisissez une préoccupation ou une pratique, et découvrez les praticiens qui peuvent vous accompagner.",
                "en": "Stress, sleep, grief, wanting a new career: choose a concern or a practice, and discover the practitioners who can support you.",
            },
        },
        {
            "title": {"fr": "Choisissez votre créneau", "en": "Choose your slot"},
            "text": {
                "fr": "Comparez les profils, les langues parlées et les disponibilités, y compris le soir et le week-end. Réservez en quelques clics, à l'heure de votre fuseau.",
                "en": "Compare profiles, languages spoken and availability, including evenings and weekends. Book in a few clicks, in your own time zone.",
            },
        },
        {
            "title": {"fr": "Consultez où vous êtes", "en": "Consult wherever you are"},
            "text": {
                "fr": "Le jour venu, rejoignez la séance depuis votre espace, par vidéo ou par téléphone. Votre note d'honoraires vous attend ensuite dans votre compte.",
                "en": "On the day, join the session from your account, by video or phone. Your fee note is then waiting in your account.",
            },
        },
    ],
    "reassurance": [
        {
            "title": {"fr": "Des praticiens vérifiés", "en": "Verified practitioners"},
            "text": {
                "fr": "Identité, diplômes et assurance professionnelle sont contrôlés avant qu'un profil ne soit publié.",
                "en": "Identity, qualifications and professional insurance are checked before any profile is published.",
            },
        },
        {
            "title": {"fr": "Une discrétion réelle", "en": "Genuine discretion"},
            "text": {
                "fr": "Aucun motif de consultation demandé, des rappels sobres, des séances jamais enregistrées.",
                "en": "No reason for consulting asked, plain reminders, sessions never recorded.",
            },
        },
        {
            "title": {"fr": "De la souplesse", "en": "Flexibility"},
            "text": {
                "fr": "Annulation gratuite jusqu'à 24 heures avant, et votre première annulation tardive ne vous est pas facturée.",
                "en": "Free cancellation up to 24 hours before, and your first late cancellation is not charged.",
            },
        },
    ],
    "orientation_title": {
        "fr": "Réserver un appel d'orientation gratuit",
        "en": "Book a free orientation call",
    },
    "orientation_text": {
        "fr": "Vous ne savez pas qui consulter ? Un appel de 20 minutes avec un praticien de l'équipe, gratuit et sans engagement, pour vous aider à choisir, sans vous demander de détails intimes.",
        "en": "Not sure whom to see? A free 20-minute call with a practitioner of the team, with no commitment, to help you choose, without asking for intimate details.",
    },
}

STANDARD_PAGES: list[dict] = [
    {
        "slug": "concept",
        "title": {"fr": "Le concept", "en": "Our approach"},
        "intro": {
            "fr": "Khepri réunit des praticiens de l'accompagnement, de la psychologie à l'orientation, pour des séances à distance simples, sobres et respectueuses.",
            "en": "Khepri brings together practitioners of many kinds, from psychology to career guidance, for remote sessions that are simple, understated and respectful.",
        },
        "blocks": [
            {
                "type": "heading",
                "text": {
                    "fr": "Un lieu pour prendre soin de soi, à distance",
                    "en": "A place to look after yourself, remotely",
                },
            },
            {
                "type": "paragraph",
                "html": {
                    "fr": "<p>Consulter demande souvent du courage, du temps et parfois de longs trajets. Khepri est né d'une idée simple : rendre ces rencontres plus accessibles, sans rien perdre de la qualité de la relation. Où que vous viviez, en ville, à la campagne ou à l'étranger, vous pouvez trouver un praticien qui parle votre langue et qui est disponible quand vous l'êtes.</p>"
                    "<p>Notre nom vient de Khépri, figure de l'Égypte ancienne associée au soleil du matin et au renouveau. Nous l'avons choisi parce qu'il parle de transformation progressive, jour après jour.</p>",
                    "en": "<p>Seeking support often takes courage, time and sometimes long journeys. Khepri was born from a simple idea: to make these meetings more accessible without losing anything in the quality of the relationship. Wherever you live, in a city, in the countryside or abroad, you can find a practitioner who speaks your language and is available when you are.</p>"
                    "<p>Our name comes from Khepri, a figure of ancient Egypt associated with the morning sun and renewal. We chose it because it speaks of gradual change, day after day.</p>",
                },
            },
            {
                "type": "heading",
                "text": {"fr": "Ce qui nous guide", "en": "What guides us"},
            },
            {
                "type": "paragraph",
                "html": {
                    "fr": "<ul><li><strong>La discrétion</strong> : nous collectons le minimum de données, nous ne demandons jamais le motif de consultation et nos messages restent sobres.</li>"
                    "<li><strong>La liberté de choix</strong> : vous choisissez votre praticien, vous pouvez en changer, et les tarifs sont affichés avant toute réservation.</li>"
                    "<li><strong>L'honnêteté</strong> : nous présentons chaque pratique avec ce qu'elle peut apporter et ses limites, sans promesse de guérison.</li>"
                    "<li><strong>L'exigence</strong> : chaque praticien est vérifié avant de rejoindre la plateforme.</li></ul>",
                    "en": "<ul><li><strong>Discretion</strong>: we collect as little data as possible, we never ask why you are consulting and our messages stay plain.</li>"
                    "<li><strong>Freedom of choice</strong>: you choose your practitioner, you can change, and prices are shown before you book.</li>"
                    "<li><strong>Honesty</strong>: we present each practice with what it can offer and its limits, with no promise of a cure.</li>"
                    "<li><strong>High standards</strong>: every practitioner is checked before joining the platform.</li></ul>",
                },
            },
            {
                "type": "quote",
                "text": {
                    "fr": "Nous voulions que réserver une séance soit aussi simple et aussi discret que possible, pour que l'énergie reste consacrée à ce qui compte : la rencontre.",
                    "en": "We wanted booking a session to be as simple and discreet as possible, so that energy goes into what matters: the meeting itself.",
                },
                "attribution": {"fr": "L'équipe Khepri", "en": "The Khepri team"},
            },
            {
                "type": "heading",
                "text": {"fr": "Ce que Khepri n'est pas", "en": "What Khepri is not"},
            },
            {
                "type": "paragraph",
                "html": {
                    "fr": "<p>Khepri n'est pas un service d'urgence et ne remplace pas votre médecin. Les pratiques proposées viennent en complément d'un suivi médical, jamais à sa place. En cas de détresse, appelez le 3114, le 15 ou le 112.</p>",
                    "en": "<p>Khepri is not an emergency service and does not replace your doctor. The practices offered here complement medical care and never take its place. If you are in distress, call 3114, 15 or 112.</p>",
                },
            },
        ],
    },
    {
        "slug": "comment-ca-marche",
        "title": {"fr": "Comment ça marche", "en": "How it works"},
        "intro": {
            "fr": "De la recherche d'un praticien à la note d'honoraires, voici le déroulé d'une consultation sur Khepri.",
            "en": "From finding a practitioner to receiving your fee note, here is how a consultation on Khepri unfolds.",
        },
        "blocks": [
            {
                "type": "steps",
                "items": [
                    {
                        "title": {"fr": "Créez votre compte", "en": "Create your account"},
                        "text": {
                            "fr": "Un nom, une adresse e-mail et un numéro de téléphone suffisent. Vous confirmez votre adresse grâce au lien reçu par e-mail.",
                            "en": "A name, an email address and a phone number are enough. You confirm your address with the link sent by email.",
                        },
                    },
                    {
                        "title": {"fr": "Trouvez votre praticien", "en": "Find your practitioner"},
                        "text": {
                            "fr": "Filtrez par pratique, préoccupation, langue, disponibilité ou genre, et lisez les fiches détaillées.",
                            "en": "Filter by practice, concern, language, availability or gender, and read the detailed profiles.",
                        },
                    },
                    {
                        "title": {"fr": "Réservez un créneau", "en": "Book a slot"},
                        "text": {
                            "fr": "Choisissez un horaire, la vidéo ou le téléphone, puis réglez en ligne ou avec votre forfait.",
                            "en": "Choose a time, video or phone, then pay online or with your package.",
                        },
                    },
                    {
                        "title": {"fr": "Rejoignez la séance", "en": "Join the session"},
                        "text": {
                            "fr": "La salle d'attente ouvre 15 minutes avant. Le praticien vous rejoint à l'heure prévue.",
                            "en": "The waiting room opens 15 minutes before. The practitioner joins you at the scheduled time.",
                        },
                    },
                    {
                        "title": {"fr": "Retrouvez vos documents", "en": "Find your documents"},
                        "text": {
                            "fr": "Votre note d'honoraires et les documents éventuels de votre praticien sont disponibles dans votre espace.",
                            "en": "Your fee note and any documents from your practitioner are available in your account.",
                        },
                    },
                ],
            },
            {
                "type": "heading",
                "text": {"fr": "Avant la séance", "en": "Before the session"},
            },
            {
                "type": "paragraph",
                "html": {
                    "fr": "<p>Installez-vous dans un endroit calme, où vous pouvez parler sans être entendu. Un casque ou des écouteurs aident à rester concentré. Un test de connexion est proposé dans votre espace : quelques secondes suffisent pour vérifier la caméra et le micro.</p>"
                    "<p>La veille, vous recevez un rappel sobre, qui indique seulement la date, l'heure et le moyen de rejoindre la séance.</p>",
                    "en": "<p>Settle in a quiet place where you can talk without being overheard. Headphones or earbuds help you stay focused. A connection test is available in your account: a few seconds are enough to check your camera and microphone.</p>"
                    "<p>The day before, you receive a plain reminder that only gives the date, time and how to join.</p>",
                },
            },
            {
                "type": "heading",
                "text": {"fr": "Si vos projets changent", "en": "If your plans change"},
            },
            {
                "type": "paragraph",
                "html": {
                    "fr": "<p>Vous pouvez annuler ou déplacer gratuitement votre rendez-vous jusqu'à 24 heures avant. Au-delà, la séance est en principe due, mais votre première annulation tardive ne vous est pas facturée. Vous pouvez aussi changer de praticien à tout moment.</p>",
                    "en": "<p>You can cancel or move your appointment free of charge up to 24 hours before. After that, the session is normally due, but your first late cancellation is not charged. You can also change practitioner at any time.</p>",
                },
            },
        ],
    },
    {
        "slug": "pourquoi-la-teleconsultation",
        "title": {"fr": "Pourquoi consulter à distance ?", "en": "Why consult remotely?"},
        "intro": {
            "fr": "La séance à distance n'est pas une solution au rabais : pour beaucoup de personnes, elle rend possible un accompagnement qui ne l'aurait pas été autrement.",
            "en": "A remote session is not a second-best option: for many people, it makes possible support that would not have happened otherwise.",
        },
        "blocks": [
            {
                "type": "heading",
                "text": {
                    "fr": "Ce que la distance rend possible",
                    "en": "What distance makes possible",
                },
            },
            {
                "type": "paragraph",
                "html": {
                    "fr": "<ul><li><strong>Pas de trajet</strong> : une heure de séance reste une heure, et non une demi-journée.</li>"
                    "<li><strong>Un lieu familier</strong> : beaucoup de personnes se livrent plus facilement depuis chez elles.</li>"
                    "<li><strong>Le choix, partout</strong> : vous n'êtes plus limité aux praticiens de votre ville, et vous pouvez consulter dans votre langue, même à l'étranger.</li>"
                    "<li><strong>Des horaires plus larges</strong> : soirées, week-ends, praticiens installés dans d'autres fuseaux horaires.</li>"
                    "<li><strong>Plus d'accessibilité</strong> : pour les personnes à mobilité réduite, les parents de jeunes enfants, les personnes malades ou isolées.</li></ul>",
                    "en": "<ul><li><strong>No travel</strong>: an hour-long session stays an hour, not half a day.</li>"
                    "<li><strong>A familiar place</strong>: many people open up more easily from home.</li>"
                    "<li><strong>Choice, everywhere</strong>: you are no longer limited to practitioners in your town, and you can consult in your own language, even abroad.</li>"
                    "<li><strong>Wider hours</strong>: evenings, weekends, practitioners based in other time zones.</li>"
                    "<li><strong>Better access</strong>: for people with reduced mobility, parents of young children, people who are ill or isolated.</li></ul>",
                },
            },
            {
                "type": "quote",
                "text": {
                    "fr": "Beaucoup de personnes que j'accompagne me disent qu'elles n'auraient jamais franchi la porte d'un cabinet. Depuis leur salon, le premier pas leur a semblé possible.",
                    "en": "Many of the people I work with tell me they would never have walked through the door of an office. From their living room, the first step felt possible.",
                },
                "attribution": {
                    "fr": "Karim Benali, psychologue",
                    "en": "Karim Benali, psychologist",
                },
            },
            {
                "type": "heading",
                "text": {"fr": "Et ses limites", "en": "And its limits"},
            },
            {
                "type": "paragraph",
                "html": {
                    "fr": "<p>La distance ne convient pas à toutes les situations. Une crise aiguë, un besoin d'examen physique ou l'absence de tout lieu où parler librement sont autant de raisons de préférer une consultation en personne. Votre praticien vous le dira s'il pense qu'un autre cadre serait plus adapté, et vous orientera si besoin vers votre médecin.</p>",
                    "en": "<p>Distance does not suit every situation. An acute crisis, the need for a physical examination or having nowhere to talk freely are all reasons to prefer an in-person consultation. Your practitioner will tell you if they think another setting would suit you better, and will refer you to your doctor if needed.</p>",
                },
            },
            {
                "type": "heading",
                "text": {"fr": "Bien préparer sa séance", "en": "Preparing your session"},
            },
            {
                "type": "steps",
                "items": [
                    {
                        "title": {
                            "fr": "Trouvez un endroit à vous",
                            "en": "Find a place of your own",
                        },
                        "text": {
                            "fr": "Une pièce fermée, une voiture à l'arrêt, un banc tranquille : l'essentiel est de pouvoir parler librement.",
                            "en": "A closed room, a parked car, a quiet bench: what matters is being able to speak freely.",
                        },
                    },
                    {
                        "title": {"fr": "Vérifiez votre matériel", "en": "Check your equipment"},
                        "text": {
                            "fr": "Batterie chargée, casque à portée de main, test de connexion fait la veille.",
                            "en": "Battery charged, headphones within reach, connection tested the day before.",
                        },
                    },
                    {
                        "title": {
                            "fr": "Gardez un moment pour vous",
                            "en": "Keep some time for yourself",
                        },
                        "text": {
                            "fr": "Si vous le pouvez, prévoyez quelques minutes avant et après la séance, sans rien enchaîner.",
                            "en": "If you can, leave a few minutes before and after the session, without rushing into anything else.",
                        },
                    },
                ],
            },
        ],
    },
    {
        "slug": "rejoindre-khepri",
        "title": {
            "fr": "Rejoindre Khepri en tant que praticien",
            "en": "Join Khepri as a practitioner",
        },
        "intro": {
            "fr": "Vous accompagnez des personnes en sophrologie, en psychologie, en nutrition, en coaching ou en orientation ? Proposez vos séances à distance dans un cadre sobre et fiable.",
            "en": "Do you support people through sophrology, psychology, nutrition, coaching or career guidance? Offer your remote sessions in a reliable, understated setting.",
        },
        "blocks": [
            {
                "type": "heading",
                "text": {"fr": "Ce que Khepri prend en charge", "en": "What Khepri takes care of"},
            },
            {
                "type": "paragraph",
                "html": {
                    "fr": "<ul><li>la réservation en ligne, dans le fuseau horaire de chaque patient ;</li>"
                    "<li>la visio intégrée, sans logiciel à installer, avec repli possible par téléphone ;</li>"
                    "<li>le paiement en ligne, les forfaits et les séances financées par les employeurs ;</li>"
                    "<li>les rappels discrets, les notes d'honoraires automatiques et un relevé mensuel ;</li>"
                    "<li>la synchronisation avec votre agenda habituel.</li></ul>",
                    "en": "<ul><li>online booking, in each patient's time zone;</li>"
                    "<li>built-in video with nothing to install, and a phone fallback;</li>"
                    "<li>online payment, packages and employer-funded sessions;</li>"
                    "<li>discreet reminders, automatic fee notes and a monthly statement;</li>"
                    "<li>sync with your usual calendar.</li></ul>",
                },
            },
            {
                "type": "heading",
                "text": {"fr": "Des conditions claires", "en": "Clear terms"},
            },
            {
                "type": "paragraph",
                "html": {
                    "fr": "<p>Pas d'abonnement ni de frais d'entrée : Khepri prélève une commission de 20 % sur chaque séance réalisée. Vous fixez votre tarif, la durée de vos séances et vos disponibilités. Les sommes dues vous sont versées chaque mois, accompagnées d'un relevé détaillé.</p>",
                    "en": "<p>No subscription and no joining fee: Khepri takes a 20% commission on each completed session. You set your price, session length and availability. What you are owed is paid out every month, with a detailed statement.</p>",
                },
            },
            {
                "type": "heading",
                "text": {"fr": "Les étapes pour nous rejoindre", "en": "Steps to join us"},
            },
            {
                "type": "steps",
                "items": [
                    {
                        "title": {
                            "fr": "Créez votre compte praticien",
                            "en": "Create your practitioner account",
                        },
                        "text": {
                            "fr": "Quelques minutes suffisent pour démarrer ; vous pouvez compléter votre profil en plusieurs fois.",
                            "en": "It only takes a few minutes to start; you can complete your profile in several sittings.",
                        },
                    },
                    {
                        "title": {"fr": "Présentez votre pratique", "en": "Present your practice"},
                        "text": {
                            "fr": "Présentation, parcours, diplômes, langues, fuseau horaire, tarif et semaine type.",
                            "en": "Introduction, background, qualifications, languages, time zone, price and typical week.",
                        },
                    },
                    {
                        "title": {
                            "fr": "Transmettez vos justificatifs",
                            "en": "Send your documents",
                        },
                        "text": {
                            "fr": "Pièce d'identité, diplômes, attestation d'assurance professionnelle, SIRET et, le cas échéant, numéro ADELI ou RPPS.",
                            "en": "Identity document, diplomas, professional insurance certificate, SIRET and, where relevant, ADELI or RPPS number.",
                        },
                    },
                    {
                        "title": {
                            "fr": "Recevez vos premiers patients",
                            "en": "Welcome your first patients",
                        },
                        "text": {
                            "fr": "Une fois votre profil validé, il apparaît dans l'annuaire et vos créneaux deviennent réservables.",
                            "en": "Once your profile is approved, it appears in the directory and your slots can be booked.",
                        },
                    },
                ],
            },
            {
                "type": "quote",
                "text": {
                    "fr": "Je consacre mon temps aux séances, pas à relancer des paiements ni à jongler entre trois agendas.",
                    "en": "I spend my time on sessions, not chasing payments or juggling three calendars.",
                },
                "attribution": {
                    "fr": "Claire Martin, sophrologue",
                    "en": "Claire Martin, sophrologist",
                },
            },
            {
                "type": "heading",
                "text": {"fr": "Nos attentes", "en": "What we expect"},
            },
            {
                "type": "paragraph",
                "html": {
                    "fr": "<p>Nous demandons aux praticiens de respecter le cadre de leur pratique et leur code de déontologie, de ne jamais se présenter comme une alternative à un traitement médical, d'orienter vers un médecin chaque fois que c'est nécessaire et de répondre aux demandes de rendez-vous dans les délais annoncés.</p>",
                    "en": "<p>We ask practitioners to respect the framework of their practice and their code of ethics, never to present themselves as an alternative to medical treatment, to refer people to a doctor whenever necessary and to answer appointment requests within the stated time.</p>",
                },
            },
        ],
    },
    {
        "slug": "partenaires",
        "title": {"fr": "Partenaires", "en": "Partners"},
        "intro": {
            "fr": "Entreprises, associations, établissements d'enseignement : nous travaillons avec des structures qui souhaitent faciliter l'accès à un accompagnement de qualité.",
            "en": "Companies, associations, schools and universities: we work with organisations that want to make quality support easier to reach.",
        },
        "blocks": [
            {
                "type": "heading",
                "text": {"fr": "Entreprises", "en": "Companies"},
            },
            {
                "type": "paragraph",
                "html": {
                    "fr": "<p>Une entreprise peut offrir à ses équipes un nombre de séances par personne et par an, dans toutes les pratiques de la plateforme. Les salariés utilisent un code personnel et choisissent librement leur praticien.</p>"
                    "<p>L'employeur reçoit uniquement des statistiques globales et anonymes ; il ne sait jamais qui consulte, auprès de qui, ni pourquoi.</p>",
                    "en": "<p>A company can offer its teams a number of sessions per person per year, across every practice on the platform. Employees use a personal code and freely choose their practitioner.</p>"
                    "<p>The employer only receives overall, anonymous statistics; they never know who consults, with whom or why.</p>",
                },
            },
            {
                "type": "heading",
                "text": {
                    "fr": "Associations et acteurs de l'accompagnement",
                    "en": "Associations and support organisations",
                },
            },
            {
                "type": "paragraph",
                "html": {
                    "fr": "<p>Nous collaborons avec des associations d'aide aux aidants, de soutien aux personnes endeuillées ou d'accompagnement vers l'emploi, pour orienter leurs membres vers des praticiens adaptés, parfois à tarif solidaire.</p>",
                    "en": "<p>We work with associations that support carers, bereaved people or job seekers, to direct their members towards suitable practitioners, sometimes at reduced solidarity rates.</p>",
                },
            },
            {
                "type": "heading",
                "text": {"fr": "Écoles et universités", "en": "Schools and universities"},
            },
            {
                "type": "paragraph",
                "html": {
                    "fr": "<p>Les établissements peuvent proposer à leurs élèves et étudiants des séances d'orientation ou de soutien, en complément des services existants. L'accord des parents est toujours demandé pour les mineurs.</p>",
                    "en": "<p>Schools and universities can offer their pupils and students guidance or support sessions alongside existing services. Parental consent is always requested for minors.</p>",
                },
            },
            {
                "type": "paragraph",
                "html": {
                    "fr": "<p>Vous souhaitez devenir partenaire ? Écrivez-nous depuis la page de contact : nous vous répondrons avec plaisir.</p>",
                    "en": "<p>Would you like to become a partner? Write to us through the contact page: we will be glad to reply.</p>",
                },
            },
        ],
    },
]

PRICING: dict = {
    "title": {"fr": "Tarifs", "en": "Prices"},
    "intro": {
        "fr": "Chaque praticien fixe son tarif, affiché sur sa fiche avant toute réservation. Voici des repères par type d'accompagnement, ainsi que nos forfaits.",
        "en": "Each practitioner sets their own price, shown on their profile before you book. Here are typical prices by type of support, along with our packages.",
    },
    "items": [
        {
            "name": {
                "fr": "Sophrologie, relaxation, méditation, EFT",
                "en": "Sophrology, relaxation, meditation, EFT",
            },
            "price": 5500,
            "text": {
                "fr": "Séances de 45 à 60 minutes, généralement entre 40 et 70 € selon le praticien.",
                "en": "Sessions of 45 to 60 minutes, usually between €40 and €70 depending on the practitioner.",
            },
        },
        {
            "name": {"fr": "Hypnothérapie", "en": "Hypnotherapy"},
            "price": 7000,
            "text": {
                "fr": "Séances de 60 à 75 minutes, généralement entre 60 et 90 €.",
                "en": "Sessions of 60 to 75 minutes, usually between €60 and €90.",
            },
        },
        {
            "name": {
                "fr": "Psychologue et psychothérapies",
                "en": "Psychologists and talking therapies",
            },
            "price": 6000,
            "text": {
                "fr": "Séances de 45 à 60 minutes, généralement entre 50 et 80 €. Une partie peut être remboursée par votre mutuelle.",
                "en": "Sessions of 45 to 60 minutes, usually between €50 and €80. Part may be reimbursed by your supplementary health insurer.",
            },
        },
        {
            "name": {"fr": "Alimentation et plantes", "en": "Food and plants"},
            "price": 6000,
            "text": {
                "fr": "Diététique, naturopathie, aromathérapie, phytothérapie : de 45 à 90 € ; le premier bilan est souvent plus long.",
                "en": "Dietetics, naturopathy, aromatherapy, herbal medicine: €45 to €90; the first review is often longer.",
            },
        },
        {
            "name": {"fr": "Coaching", "en": "Coaching"},
            "price": 9000,
            "text": {
                "fr": "Séances de 60 à 90 minutes, généralement entre 60 et 150 € selon qu'il s'agit de coaching personnel ou professionnel.",
                "en": "Sessions of 60 to 90 minutes, usually between €60 and €150 depending on whether the coaching is personal or professional.",
            },
        },
        {
            "name": {
                "fr": "Orientation et bilan de compétences",
                "en": "Guidance and skills assessment",
            },
            "price": 9000,
            "text": {
                "fr": "Tarif par séance, de 60 à 150 €. Un bilan de compétences complet compte plusieurs séances ; demandez un devis au praticien.",
                "en": "Price per session, €60 to €150. A full skills assessment involves several sessions; ask the practitioner for a quote.",
            },
        },
    ],
    "packages": [
        {
            "name": {"fr": "Forfait 3 séances", "en": "3-session package"},
            "sessions": 3,
            "price": 17100,
            "validity_days": 120,
            "text": {
                "fr": "Pour commencer un accompagnement : trois séances jusqu'à 60 € chacune, soit 57 € la séance, valables quatre mois.",
                "en": "To get started: three sessions worth up to €60 each, that is €57 per session, valid for four months.",
            },
        },
        {
            "name": {"fr": "Forfait 5 séances", "en": "5-session package"},
            "sessions": 5,
            "price": 27500,
            "validity_days": 180,
            "text": {
                "fr": "Cinq séances jusqu'à 60 € chacune, soit 55 € la séance, valables six mois.",
                "en": "Five sessions worth up to €60 each, that is €55 per session, valid for six months.",
            },
        },
        {
            "name": {"fr": "Forfait 10 séances", "en": "10-session package"},
            "sessions": 10,
            "price": 52000,
            "validity_days": 365,
            "text": {
                "fr": "Pour un suivi régulier : dix séances jusqu'à 60 € chacune, soit 52 € la séance, valables un an.",
                "en": "For regular follow-up: ten sessions worth up to €60 each, that is €52 per session, valid for one year.",
            },
        },
    ],
    "note": {
        "fr": "Les prix affichés sont ceux que vous payez : aucun frais ne s'ajoute. Les séances d'un forfait s'utilisent auprès de n'importe quel praticien ; si sa séance coûte plus de 60 €, seule la différence vous est demandée. Après chaque séance, une note d'honoraires est disponible dans votre espace pour votre mutuelle.",
        "en": "The prices shown are what you pay: no fees are added. Package sessions can be used with any practitioner; if their session costs more than €60, you only pay the difference. After each session, a fee note is available in your account for your health insurer.",
    },
}

CONTACT: dict = {
    "title": {"fr": "Nous contacter", "en": "Contact us"},
    "intro": {
        "fr": "Une question sur le fonctionnement de Khepri, une réservation ou un partenariat ? Écrivez-nous, nous répondons en général sous deux jours ouvrés. Merci de ne pas nous confier d'informations sur votre santé dans ce formulaire.",
        "en": "A question about how Khepri works, a booking or a partnership? Write to us; we usually reply within two working days. Please do not share any information about your health in this form.",
    },
    "thank_you": {
        "fr": "Merci, votre message nous est bien parvenu. Nous vous répondrons par e-mail dans les meilleurs délais. En cas d'urgence, appelez le 15, le 112 ou le 3114.",
        "en": "Thank you, your message has reached us. We will reply by email as soon as we can. In an emergency, call 15, 112 or 3114.",
    },
}

NEWSLETTER: dict = {
    "title": {"fr": "La lettre de Khepri", "en": "The Khepri newsletter"},
    "intro": {
        "fr": "Une fois par mois, un court message avec des conseils pratiques, des exercices simples et les nouveautés de la plateforme. Seule votre adresse e-mail est demandée, et vous pouvez vous désabonner en un clic.",
        "en": "Once a month, a short message with practical tips, simple exercises and news from the platform. Only your email address is needed, and you can unsubscribe in one click.",
    },
}

SITE: dict = {
    "tagline": {
        "fr": "Des séances à distance, en toute discrétion",
        "en": "Remote sessions, with complete discretion",
    },
    "advice_phone": "+33 1 84 80 00 00",
    "contact_email": "bonjour@khepri.example",
    "emergency_text": {
        "fr": "Khepri n'est pas un service d'urgence. Si vous pensez au suicide ou vous inquiétez pour un proche, appelez le 3114 (gratuit, 24 h/24, 7 j/7). Pour parler à quelqu'un, SOS Amitié répond au 09 72 39 40 50. En cas de danger immédiat, composez le 15 ou le 112.",
        "en": "Khepri is not an emergency service. If you are thinking about suicide or are worried about someone close to you, call 3114 (free, 24/7). To talk to someone, SOS Amitié answers on 09 72 39 40 50. In immediate danger, dial 15 or 112.",
    },
}
