"""The four areas of life Khepri's catalogue is organised around (demo content)."""

T = dict[str, str]

DOMAINS: list[dict] = [
    {
        "slug": "sante-psychologique",
        "title": {"fr": "Santé psychologique", "en": "Mental health"},
        "summary": {
            "fr": "Traverser une période difficile, comprendre ses émotions, prendre soin de son équilibre intérieur avec des professionnels formés.",
            "en": "Getting through a hard time, understanding your emotions, looking after your inner balance with trained professionals.",
        },
        "body": {
            "fr": "<p>Il y a des moments où l'on ne se reconnaît plus : l'anxiété prend de la place, la tristesse s'attarde, une perte laisse un vide, ou les mêmes difficultés reviennent sans cesse. Parler à quelqu'un de formé, dans un cadre confidentiel, aide souvent à y voir plus clair et à retrouver une marge d'action.</p>"
            "<p>Les psychologues et psychothérapeutes présents sur Khepri proposent des approches variées, de l'écoute centrée sur votre histoire aux méthodes plus structurées comme les TCC ou l'ACT. Ils ne remplacent pas un médecin et orientent vers lui lorsque c'est nécessaire. En cas d'urgence, appelez le 3114, le 15 ou le 112.</p>",
            "en": "<p>There are times when you no longer recognise yourself: anxiety takes up room, sadness lingers, a loss leaves a gap, or the same difficulties keep coming back. Talking to someone trained, in a confidential setting, often helps you see more clearly and find some room to act again.</p>"
            "<p>The psychologists and psychotherapists on Khepri offer a range of approaches, from listening centred on your story to more structured methods such as CBT or ACT. They do not replace a doctor and refer you to one when needed. In an emergency, call 3114, 15 or 112.</p>",
        },
        "therapies": [
            "psychologue",
            "tcc",
            "act",
            "psychologie-positive",
            "analyse-transactionnelle",
            "therapie-systemique",
            "eft",
            "hypnotherapie",
            "art-therapie",
            "sophrologie",
        ],
        "concerns": [
            "anxiete",
            "deprime-depression",
            "phobies",
            "deuil",
            "addictions",
            "troubles-alimentaires",
            "gestion-des-emotions",
        ],
    },
    {
        "slug": "vie-professionnelle",
        "title": {"fr": "Vie professionnelle", "en": "Working life"},
        "summary": {
            "fr": "Prendre du recul sur son travail, prévenir l'épuisement, choisir une orientation ou préparer un changement de métier.",
            "en": "Stepping back from your work, preventing exhaustion, choosing a direction or preparing a career change.",
        },
        "body": {
            "fr": "<p>Le travail occupe une grande partie de nos journées et de nos pensées. Il peut être source de fierté comme de fatigue, de sens comme de doutes. Un nouveau poste, une surcharge qui dure, une envie de changer de voie ou une orientation à choisir sont autant de moments où un regard extérieur est précieux.</p>"
            "<p>Coachs, conseillers en orientation et praticiens du bilan de compétences vous aident à clarifier ce que vous voulez et à avancer concrètement ; sophrologues et psychologues accompagnent le stress et la récupération. Si votre employeur finance des séances, le contenu de vos échanges reste strictement confidentiel.</p>",
            "en": "<p>Work takes up a large part of our days and our thoughts. It can bring pride as well as fatigue, meaning as well as doubt. A new role, a workload that never lets up, a wish to change direction or a course to choose are all moments when an outside view is valuable.</p>"
            "<p>Coaches, guidance advisers and skills-assessment practitioners help you clarify what you want and make concrete progress; sophrologists and psychologists support you with stress and recovery. If your employer pays for sessions, what you discuss remains strictly confidential.</p>",
        },
        "therapies": [
            "coaching-professionnel",
            "bilan-de-competences",
            "orientation-professionnelle",
            "orientation-scolaire",
            "pnl",
            "sophrologie",
            "psychologue",
        ],
        "concerns": [
            "burn-out",
            "reconversion-professionnelle",
            "stress",
            "orientation-etudes",
            "confiance-en-soi",
        ],
    },
    {
        "slug": "vie-privee",
        "title": {"fr": "Vie privée", "en": "Personal life"},
        "summary": {
            "fr": "Mieux se connaître, apaiser ses relations, traverser un changement de vie ou donner de l'élan à un projet personnel.",
            "en": "Knowing yourself better, easing your relationships, getting through a life change or giving momentum to a personal project.",
        },
        "body": {
            "fr": "<p>Une séparation, un déménagement, l'arrivée d'un enfant, des tensions familiales ou simplement l'impression de tourner en rond : la vie personnelle est faite de transitions qui demandent de l'énergie et bousculent nos repères.</p>"
            "<p>Le coaching personnel, la psychologie positive, l'analyse transactionnelle ou la thérapie systémique offrent des manières différentes de faire le point et d'avancer, seul, en couple ou en famille. La méditation ou l'art-thérapie permettent aussi de se retrouver et de prendre soin de soi.</p>",
            "en": "<p>A separation, a move, the arrival of a child, family tensions or simply the feeling of going round in circles: personal life is made of transitions that take energy and shake up our bearings.</p>"
            "<p>Personal coaching, positive psychology, transactional analysis or systemic therapy offer different ways to take stock and move forward, alone, as a couple or as a family. Meditation or art therapy also help you reconnect with yourself and take care of yourself.</p>",
        },
        "therapies": [
            "coaching-personnel",
            "psychologie-positive",
            "analyse-transactionnelle",
            "therapie-systemique",
            "pnl",
            "art-therapie",
            "kinesiologie-brain-gym",
            "meditation-pleine-conscience",
        ],
        "concerns": ["confiance-en-soi", "gestion-des-emotions", "deuil", "stress"],
    },
    {
        "slug": "sante-physique",
        "title": {"fr": "Santé physique", "en": "Physical health"},
        "summary": {
            "fr": "Sommeil, alimentation, énergie, douleurs : des accompagnements qui complètent le suivi médical pour mieux vivre au quotidien.",
            "en": "Sleep, food, energy, pain: support that complements medical care to help you feel better day to day.",
        },
        "body": {
            "fr": "<p>Le corps et l'esprit sont liés : un sommeil perturbé, une douleur qui dure ou une fatigue tenace pèsent sur le moral, et le stress peut à son tour se loger dans le corps. Prendre soin de son hygiène de vie est souvent un bon point de départ.</p>"
            "<p>Diététiciens, naturopathes, conseillers en plantes, sophrologues ou hypnothérapeutes proposent des conseils et des exercices adaptés à votre quotidien. Ces approches viennent en complément du suivi par votre médecin, jamais à sa place : ne modifiez pas un traitement sans son avis.</p>",
            "en": "<p>Body and mind are connected: disturbed sleep, lasting pain or stubborn tiredness weigh on your mood, and stress can in turn settle in the body. Looking after your lifestyle is often a good place to start.</p>"
            "<p>Dietitians, naturopaths, herbal advisers, sophrologists or hypnotherapists offer advice and exercises suited to your daily life. These approaches complement the care of your doctor and never replace it: do not change a treatment without their advice.</p>",
        },
        "therapies": [
            "naturopathie",
            "nutrition-dietetique",
            "aromatherapie",
            "phytotherapie",
            "relaxation",
            "sophrologie",
            "hypnotherapie",
            "meditation-pleine-conscience",
        ],
        "concerns": [
            "sommeil",
            "douleurs-chroniques",
            "fatigue",
            "equilibre-alimentaire",
            "troubles-alimentaires",
        ],
    },
]
