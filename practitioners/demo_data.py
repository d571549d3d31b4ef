"""Fictitious practitioners for the demo directory.

Everyone here is invented: names, registration numbers (SIRET, ADELI) and addresses are
fictitious. `week` maps a weekday (0 = Monday ... 6 = Sunday) to time ranges in the
practitioner's own time zone. Prices are integer euro cents, durations minutes.
"""

T = dict[str, str]

PRACTITIONERS: list[dict] = [
    {
        "slug": "claire-martin",
        "first_name": "Claire",
        "last_name": "Martin",
        "gender": "female",
        "languages": ["fr", "en"],
        "timezone": "Europe/Paris",
        "profession": {"fr": "Sophrologue", "en": "Sophrologist"},
        "therapies": ["sophrologie", "relaxation", "meditation-pleine-conscience"],
        "concerns": ["stress", "sommeil", "anxiete", "burn-out", "douleurs-chroniques"],
        "modes": ["video", "phone"],
        "headline": {
            "fr": "Sophrologue, en français ou en anglais, le soir après le travail",
            "en": "Sophrologist, in French or English, in the evening after work",
        },
        "presentation": {
            "fr": "<p>J'accompagne surtout des personnes actives qui sentent que le stress a pris trop de place : sommeil léger, tensions dans le dos, difficulté à décrocher le soir. Ensemble, nous construisons quelques exercices courts, faciles à glisser dans une journée chargée.</p>"
            "<p>Je reçois en soirée et le samedi matin, en français ou en anglais. J'aime que chaque séance reparte de ce que vous avez vécu dans la semaine, pour que la pratique reste concrète et à votre mesure.</p>",
            "en": "<p>I mainly work with busy people who feel that stress has taken up too much room: light sleep, back tension, trouble switching off in the evening. Together we build a few short exercises that fit easily into a full day.</p>"
            "<p>I see people in the evening and on Saturday mornings, in French or English. I like each session to start from what you lived through during the week, so the practice stays concrete and suited to you.</p>",
        },
        "career": {
            "fr": "<p>Pendant dix ans, j'ai travaillé comme chargée de ressources humaines, au contact de salariés sous pression. Une formation à la sophrologie, d'abord suivie pour moi-même, a changé mon orientation.</p>"
            "<ul><li>Depuis 2017 : sophrologue en cabinet puis à distance</li>"
            "<li>2019 : formation à l'accompagnement du sommeil</li>"
            "<li>Ateliers de gestion du stress en entreprise</li></ul>",
            "en": "<p>For ten years I worked in human resources, in close contact with employees under pressure. A sophrology course, first taken for myself, changed my direction.</p>"
            "<ul><li>Since 2017: sophrologist, first in an office, then remotely</li>"
            "<li>2019: training in sleep support</li>"
            "<li>Stress-management workshops in companies</li></ul>",
        },
        "diplomas": [
            {
                "title": {
                    "fr": "Certificat de sophrologue praticienne",
                    "en": "Practitioner certificate in sophrology",
                },
                "year": 2016,
                "school": "Institut de sophrologie du Val de Loire",
            },
            {
                "title": {"fr": "Formation au programme MBSR", "en": "MBSR programme training"},
                "year": 2020,
                "school": "Centre de pleine conscience de l'Atlantique",
            },
        ],
        "confirmation": "instant",
        "accepts_new_patients": True,
        "price": 6000,
        "duration": 60,
        "week": {
            0: [("18:00", "21:00")],
            1: [("12:00", "14:00"), ("18:00", "21:00")],
            3: [("18:00", "21:00")],
            5: [("09:00", "12:00")],
        },
        "siret": "91846840600015",
        "adeli": None,
        "address": "8 rue du Lavoir, 44000 Nantes",
    },
    {
        "slug": "karim-benali",
        "first_name": "Karim",
        "last_name": "Benali",
        "gender": "male",
        "languages": ["fr", "ar", "en"],
        "timezone": "Europe/Paris",
        "profession": {"fr": "Psychologue clinicien", "en": "Clinical psychologist"},
        "therapies": ["psychologue", "tcc"],
        "concerns": ["anxiete", "deprime-depression", "phobies", "deuil", "addictions", "stress"],
        "modes": ["video", "phone"],
        "headline": {
            "fr": "Psychologue clinicien formé aux TCC, consultations en français, en arabe et en anglais",
            "en": "Clinical psychologist trained in CBT, sessions in French, Arabic and English",
        },
        "presentation": {
            "fr": "<p>Je reçois des adultes qui traversent une période d'anxiété, de découragement, un deuil ou une difficulté avec une consommation. Je m'appuie sur les thérapies comportementales et cognitives, tout en laissant une large place à l'écoute de votre histoire.</p>"
            "<p>Je consulte en français, en arabe et en anglais. Pour un premier rendez-vous, je confirme chaque demande moi-même afin de vérifier que la consultation à distance est adaptée à votre situation.</p>",
            "en": "<p>I see adults going through a period of anxiety, discouragement, grief or difficulty with a substance or habit. I draw on cognitive behavioural therapy, while leaving plenty of room to listen to your story.</p>"
            "<p>I work in French, Arabic and English. For a first appointment, I confirm each request myself to check that remote consultation suits your situation.</p>",
        },
        "career": {
            "fr": "<ul><li>2012–2018 : psychologue dans un centre médico-psychologique pour adultes</li>"
            "<li>2016–2020 : consultations dans un centre de soins en addictologie</li>"
            "<li>Depuis 2018 : exercice libéral, en cabinet et à distance</li>"
            "<li>Supervision régulière et participation à un groupe d'intervision</li></ul>",
            "en": "<ul><li>2012–2018: psychologist in an adult community mental health centre</li>"
            "<li>2016–2020: consultations in an addiction treatment centre</li>"
            "<li>Since 2018: private practice, in person and remotely</li>"
            "<li>Regular supervision and a peer-review group</li></ul>",
        },
        "diplomas": [
            {
                "title": {
                    "fr": "Master de psychologie clinique et psychopathologie",
                    "en": "Master's in clinical psychology and psychopathology",
                },
                "year": 2012,
                "school": "Aix-Marseille Université",
            },
            {
                "title": {
                    "fr": "Diplôme universitaire de thérapies comportementales et cognitives",
                    "en": "University diploma in cognitive behavioural therapy",
                },
                "year": 2015,
                "school": "Université Claude Bernard Lyon 1",
            },
        ],
        "confirmation": "request",
        "accepts_new_patients": True,
        "price": 6000,
        "duration": 45,
        "week": {
            0: [("09:00", "12:00"), ("14:00", "18:00")],
            2: [("09:00", "12:00"), ("14:00", "19:00")],
            4: [("09:00", "13:00")],
        },
        "siret": "86370708900018",
        "adeli": "139312458",
        "address": "21 boulevard des Platanes, 13005 Marseille",
    },
    {
        "slug": "sofia-garcia",
        "first_name": "Sofía",
        "last_name": "García",
        "gender": "female",
        "languages": ["es", "fr"],
        "timezone": "Europe/Paris",
        "profession": {
            "fr": "Hypnothérapeute et praticienne EFT",
            "en": "Hypnotherapist and EFT practitioner",
        },
        "therapies": ["hypnotherapie", "eft"],
        "concerns": [
            "phobies",
            "addictions",
            "stress",
            "douleurs-chroniques",
            "confiance-en-soi",
            "sommeil",
        ],
        "modes": ["video", "phone"],
        "headline": {
            "fr": "Hypnose et EFT pour apaiser les peurs et les habitudes qui pèsent, en espagnol ou en français",
            "en": "Hypnosis and EFT to ease fears and habits that weigh on you, in Spanish or French",
        },
        "presentation": {
            "fr": "<p>Je suis née à Valence, en Espagne, et je vis à Perpignan depuis quinze ans. J'accompagne des personnes qui veulent se libérer d'une peur précise, arrêter de fumer ou mieux vivre avec une douleur qui dure.</p>"
            "<p>En séance, j'associe l'hypnose et l'EFT selon ce qui vous convient le mieux. Je prends le temps de bien définir votre objectif avant toute chose, et je vous transmets des outils simples pour continuer seule ou seul entre nos rendez-vous.</p>",
            "en": "<p>I was born in Valencia, Spain, and have lived in Perpignan for fifteen years. I support people who want to free themselves from a specific fear, stop smoking or live more comfortably with lasting pain.</p>"
            "<p>In sessions, I combine hypnosis and EFT depending on what suits you best. I take time to define your goal clearly before anything else, and I give you simple tools to keep going on your own between appointments.</p>",
        },
        "career": {
            "fr": "<p>Infirmière pendant douze ans, notamment en service de soins de suite, j'ai découvert l'hypnose dans le cadre de la prise en charge de la douleur.</p>"
            "<ul><li>Depuis 2018 : hypnothérapeute en cabinet à Perpignan</li>"
            "<li>Depuis 2021 : séances à distance en espagnol et en français</li></ul>",
            "en": "<p>A nurse for twelve years, notably in a rehabilitation ward, I discovered hypnosis as a way of helping with pain.</p>"
            "<ul><li>Since 2018: hypnotherapist in private practice in Perpignan</li>"
            "<li>Since 2021: remote sessions in Spanish and French</li></ul>",
        },
        "diplomas": [
            {
                "title": {"fr": "Diplôme d'État d'infirmière", "en": "State nursing diploma"},
                "year": 2005,
                "school": "Institut de formation en soins infirmiers de Perpignan",
            },
            {
                "title": {
                    "fr": "Praticienne en hypnose ericksonienne",
                    "en": "Ericksonian hypnosis practitioner",
                },
                "year": 2017,
                "school": "École d'hypnose du Roussillon",
            },
            {
                "title": {
                    "fr": "Certification de praticienne EFT",
                    "en": "EFT practitioner certification",
                },
                "year": 2019,
                "school": "Formation EFT Méditerranée",
            },
        ],
        "confirmation": "instant",
        "accepts_new_patients": True,
        "price": 7000,
        "duration": 60,
        "week": {
            1: [("10:00", "13:00"), ("14:00", "19:00")],
            3: [("14:00", "20:00")],
            5: [("09:00", "13:00")],
        },
        "siret": "81669521700017",
        "adeli": None,
        "address": "5 rue des Amandiers, 66000 Perpignan",
    },
    {
        "slug": "lukas-schneider",
        "first_name": "Lukas",
        "last_name": "Schneider",
        "gender": "male",
        "languages": ["de", "fr", "en"],
        "timezone": "Europe/Berlin",
        "profession": {"fr": "Coach professionnel certifié", "en": "Certified professional coach"},
        "therapies": ["coaching-professionnel", "coaching-personnel", "pnl"],
        "concerns": ["reconversion-professionnelle", "burn-out", "confiance-en-soi", "stress"],
        "modes": ["video", "phone"],
        "headline": {
            "fr": "Coach pour managers et cadres en transition, en allemand, en français ou en anglais",
            "en": "Coach for managers and professionals in transition, in German, French or English",
        },
        "presentation": {
            "fr": "<p>Après quinze ans dans l'industrie, entre Strasbourg, Stuttgart et Berlin, j'accompagne aujourd'hui des managers et des cadres qui prennent un nouveau poste, traversent une réorganisation ou se demandent s'ils veulent continuer dans la même voie.</p>"
            "<p>Mon approche est pragmatique : nous partons de situations réelles, nous clarifions ce qui dépend de vous et nous avançons par petites décisions. Je travaille en allemand, en français et en anglais, tôt le matin pour ceux qui veulent caler la séance avant leur journée.</p>",
            "en": "<p>After fifteen years in industry, between Strasbourg, Stuttgart and Berlin, I now support managers and professionals who are taking on a new role, going through a reorganisation or wondering whether they want to keep going the same way.</p>"
            "<p>My approach is pragmatic: we start from real situations, clarify what is within your control and move forward through small decisions. I work in German, French and English, early in the morning for those who like to fit the session in before their day.</p>",
        },
        "career": {
            "fr": "<ul><li>2005–2019 : ingénieur puis responsable de production dans l'industrie automobile</li>"
            "<li>Depuis 2019 : coach professionnel indépendant</li>"
            "<li>Accompagnement d'équipes franco-allemandes</li></ul>",
            "en": "<ul><li>2005–2019: engineer, then production manager in the automotive industry</li>"
            "<li>Since 2019: independent professional coach</li>"
            "<li>Support for Franco-German teams</li></ul>",
        },
        "diplomas": [
            {
                "title": {
                    "fr": "Diplôme d'ingénieur en génie industriel",
                    "en": "Engineering degree in industrial engineering",
                },
                "year": 2005,
                "school": "Karlsruher Institut für Technologie",
            },
            {
                "title": {
                    "fr": "Certification de coach professionnel",
                    "en": "Professional coach certification",
                },
                "year": 2019,
                "school": "Académie de coaching du Rhin",
            },
            {
                "title": {"fr": "Praticien en PNL", "en": "NLP practitioner"},
                "year": 2020,
                "school": "Institut rhénan de PNL",
            },
        ],
        "confirmation": "request",
        "accepts_new_patients": True,
        "price": 9000,
        "duration": 60,
        "week": {
            0: [("08:00", "12:00")],
            1: [("08:00", "12:00"), ("17:00", "20:00")],
            3: [("08:00", "12:00")],
            4: [("14:00", "18:00")],
        },
        "siret": "93442676800016",
        "adeli": None,
        "address": "3 quai des Bateliers, 67000 Strasbourg",
    },
    {
        "slug": "camille-roux",
        "first_name": "Camille",
        "last_name": "Roux",
        "gender": "non_binary",
        "languages": ["fr", "en"],
        "timezone": "America/Montreal",
        "profession": {"fr": "Psychologue", "en": "Psychologist"},
        "therapies": ["psychologue", "act", "tcc"],
        "concerns": [
            "anxiete",
            "deprime-depression",
            "douleurs-chroniques",
            "troubles-alimentaires",
            "gestion-des-emotions",
            "burn-out",
        ],
        "modes": ["video", "phone"],
        "headline": {
            "fr": "Psychologue ACT et TCC, depuis Montréal : créneaux l'après-midi et en soirée, heure de Paris",
            "en": "ACT and CBT psychologist based in Montreal: afternoon and evening slots, Paris time",
        },
        "presentation": {
            "fr": "<p>Je suis psychologue et j'accompagne des adultes aux prises avec l'anxiété, une humeur dépressive, une douleur qui dure ou une relation compliquée avec l'alimentation. Je travaille principalement avec la thérapie d'acceptation et d'engagement, complétée par des outils des TCC.</p>"
            "<p>Je vis à Montréal depuis 2020. Grâce au décalage horaire, je peux proposer des séances en fin d'après-midi et en soirée pour les personnes qui vivent en France. Les échanges se font en français ou en anglais, dans un cadre accueillant pour toutes les identités.</p>",
            "en": "<p>I am a psychologist and I support adults struggling with anxiety, low mood, lasting pain or a complicated relationship with food. I mainly work with acceptance and commitment therapy, complemented by CBT tools.</p>"
            "<p>I have lived in Montreal since 2020. Thanks to the time difference, I can offer late-afternoon and evening sessions to people living in France. Sessions take place in French or English, in a setting that welcomes every identity.</p>",
        },
        "career": {
            "fr": "<ul><li>2014–2019 : psychologue dans un service de consultation douleur d'un hôpital lyonnais</li>"
            "<li>2017–2020 : vacations dans une association d'accompagnement des troubles alimentaires</li>"
            "<li>Depuis 2020 : consultations à distance depuis Montréal</li>"
            "<li>Membre d'un groupe de supervision en ACT</li></ul>",
            "en": "<ul><li>2014–2019: psychologist in a hospital pain clinic in Lyon</li>"
            "<li>2017–2020: sessional work with an eating-disorder support association</li>"
            "<li>Since 2020: remote consultations from Montreal</li>"
            "<li>Member of an ACT supervision group</li></ul>",
        },
        "diplomas": [
            {
                "title": {
                    "fr": "Master de psychologie de la santé",
                    "en": "Master's in health psychology",
                },
                "year": 2014,
                "school": "Université Lumière Lyon 2",
            },
            {
                "title": {
                    "fr": "Diplôme universitaire de thérapies cognitives et comportementales de troisième vague",
                    "en": "University diploma in third-wave cognitive behavioural therapies",
                },
                "year": 2018,
                "school": "Université de Lille",
            },
        ],
        "confirmation": "request",
        "accepts_new_patients": True,
        "price": 6500,
        "duration": 50,
        "week": {
            0: [("07:00", "11:00")],
            1: [("12:00", "15:00")],
            2: [("07:00", "11:00")],
            3: [("12:00", "15:00")],
            5: [("08:00", "11:00")],
        },
        "siret": "83720787700015",
        "adeli": "699398761",
        "address": "40 rue des Vignerons, 69005 Lyon",
    },
    {
        "slug": "mathilde-lefebvre",
        "first_name": "Mathilde",
        "last_name": "Lefebvre",
        "gender": "female",
        "languages": ["fr"],
        "timezone": "Europe/Paris",
        "profession": {"fr": "Naturopathe", "en": "Naturopath"},
        "therapies": ["naturopathie", "aromatherapie", "phytotherapie"],
        "concerns": ["fatigue", "sommeil", "stress", "equilibre-alimentaire"],
        "modes": ["video", "phone"],
        "headline": {
            "fr": "Naturopathe : des conseils d'hygiène de vie réalistes pour retrouver de l'énergie",
            "en": "Naturopath: realistic lifestyle advice to regain your energy",
        },
        "presentation": {
            "fr": "<p>J'accompagne des personnes fatiguées, qui dorment mal ou qui se sentent dépassées par un rythme de vie intense. Mon objectif est de vous aider à mettre en place quelques changements durables, adaptés à votre budget, à vos goûts et à votre emploi du temps.</p>"
            "<p>Je travaille toujours en complément de votre médecin : je vous demanderai la liste de vos traitements et je ne vous proposerai jamais de les modifier. Les conseils en plantes et en huiles essentielles sont donnés avec leurs précautions d'emploi.</p>",
            "en": "<p>I support people who are tired, sleep badly or feel overwhelmed by a hectic pace of life. My aim is to help you put a few lasting changes in place, suited to your budget, tastes and schedule.</p>"
            "<p>I always work alongside your doctor: I will ask for a list of your treatments and will never suggest changing them. Advice on plants and essential oils comes with its safety precautions.</p>",
        },
        "career": {
            "fr": "<p>Ancienne pharmacienne d'officine, j'ai souhaité consacrer plus de temps au conseil et à la prévention.</p>"
            "<ul><li>2008–2016 : pharmacienne adjointe</li>"
            "<li>Depuis 2017 : naturopathe à Bordeaux et à distance</li></ul>",
            "en": "<p>A former community pharmacist, I wanted to devote more time to advice and prevention.</p>"
            "<ul><li>2008–2016: assistant pharmacist</li>"
            "<li>Since 2017: naturopath in Bordeaux and remotely</li></ul>",
        },
        "diplomas": [
            {
                "title": {
                    "fr": "Diplôme d'État de docteur en pharmacie",
                    "en": "Doctor of Pharmacy (state diploma)",
                },
                "year": 2008,
                "school": "Université de Bordeaux",
            },
            {
                "title": {"fr": "Certificat de naturopathe", "en": "Naturopathy certificate"},
                "year": 2017,
                "school": "École de naturopathie d'Aquitaine",
            },
        ],
        "confirmation": "request",
        "accepts_new_patients": True,
        "price": 7000,
        "duration": 75,
        "week": {
            0: [("09:00", "13:00")],
            2: [("09:00", "13:00"), ("14:00", "17:00")],
            4: [("14:00", "18:00")],
            5: [("09:00", "12:00")],
        },
        "siret": "86472567600018",
        "adeli": None,
        "address": "17 rue des Capucines, 33000 Bordeaux",
    },
    {
        "slug": "thomas-moreau",
        "first_name": "Thomas",
        "last_name": "Moreau",
        "gender": "male",
        "languages": ["fr"],
        "timezone": "Europe/Paris",
        "profession": {"fr": "Diététicien-nutritionniste", "en": "Dietitian"},
        "therapies": ["nutrition-dietetique"],
        "concerns": ["equilibre-alimentaire", "troubles-alimentaires", "fatigue"],
        "modes": ["video", "phone"],
        "headline": {
            "fr": "Diététicien diplômé : une alimentation apaisée, sans régime strict ni culpabilité",
            "en": "Qualified dietitian: a calmer way of eating, with no strict diet and no guilt",
        },
        "presentation": {
            "fr": "<p>Je suis diététicien et j'accompagne des adultes et des adolescents qui souhaitent rééquilibrer leur alimentation, vivre avec une maladie chronique ou retrouver une relation plus sereine avec la nourriture.</p>"
            "<p>Je ne crois pas aux interdits : nous partons de vos habitudes réelles pour avancer pas à pas. Pour les troubles du comportement alimentaire, je travaille toujours en lien avec un médecin et un psychologue.</p>",
            "en": "<p>I am a dietitian and I support adults and teenagers who want to rebalance their eating, live with a chronic illness or find a calmer relationship with food.</p>"
            "<p>I do not believe in forbidden foods: we start from your real habits and move forward step by step. For eating disorders, I always work together with a doctor and a psychologist.</p>",
        },
        "career": {
            "fr": "<ul><li>2011–2017 : diététicien en service d'endocrinologie d'un centre hospitalier</li>"
            "<li>Depuis 2017 : exercice libéral à Angers et à distance</li>"
            "<li>Membre d'un réseau régional de prise en charge des troubles alimentaires</li></ul>",
            "en": "<ul><li>2011–2017: dietitian in a hospital endocrinology department</li>"
            "<li>Since 2017: private practice in Angers and remotely</li>"
            "<li>Member of a regional eating-disorder care network</li></ul>",
        },
        "diplomas": [
            {
                "title": {
                    "fr": "BTS Diététique",
                    "en": "Higher technician diploma in dietetics (BTS)",
                },
                "year": 2011,
                "school": "Lycée Chevrollier, Angers",
            },
            {
                "title": {
                    "fr": "Diplôme universitaire Troubles du comportement alimentaire",
                    "en": "University diploma in eating disorders",
                },
                "year": 2018,
                "school": "Université de Nantes",
            },
        ],
        "confirmation": "instant",
        "accepts_new_patients": True,
        "price": 5500,
        "duration": 45,
        "week": {
            1: [("08:30", "12:30")],
            2: [("13:30", "19:00")],
            4: [("08:30", "12:30")],
        },
        "siret": "93375344400019",
        "adeli": None,
        "address": "9 rue du Pressoir, 49100 Angers",
    },
    {
        "slug": "ines-haddad",
        "first_name": "Inès",
        "last_name": "Haddad",
        "gender": "female",
        "languages": ["fr", "ar"],
        "timezone": "Europe/Paris",
        "profession": {
            "fr": "Sophrologue et praticienne EFT",
            "en": "Sophrologist and EFT practitioner",
        },
        "therapies": ["sophrologie", "eft", "relaxation"],
        "concerns": [
            "stress",
            "anxiete",
            "sommeil",
            "deuil",
            "confiance-en-soi",
            "gestion-des-emotions",
        ],
        "modes": ["video", "phone"],
        "headline": {
            "fr": "Sophrologie et EFT pour traverser les émotions difficiles, en français ou en arabe",
            "en": "Sophrology and EFT to get through difficult emotions, in French or Arabic",
        },
        "presentation": {
            "fr": "<p>J'accompagne des personnes qui se sentent submergées par leurs émotions, qui traversent un deuil ou une période d'angoisse, ou qui ont besoin de reprendre confiance. J'associe la sophrologie, pour apaiser le corps, et l'EFT, pour travailler sur des situations précises.</p>"
            "<p>Je consulte en français et en arabe. Beaucoup de personnes me disent apprécier de pouvoir parler de ce qu'elles ressentent dans la langue de leur enfance.</p>",
            "en": "<p>I support people who feel overwhelmed by their emotions, who are grieving or going through an anxious period, or who need to regain confidence. I combine sophrology, to calm the body, with EFT, to work on specific situations.</p>"
            "<p>I work in French and Arabic. Many people tell me they value being able to talk about their feelings in the language of their childhood.</p>",
        },
        "career": {
            "fr": "<ul><li>2010–2018 : éducatrice spécialisée dans une association d'aide aux familles</li>"
            "<li>Depuis 2018 : sophrologue à Lyon</li>"
            "<li>Depuis 2020 : séances à distance et ateliers de groupe en ligne</li></ul>",
            "en": "<ul><li>2010–2018: specialist social worker in a family support association</li>"
            "<li>Since 2018: sophrologist in Lyon</li>"
            "<li>Since 2020: remote sessions and online group workshops</li></ul>",
        },
        "diplomas": [
            {
                "title": {
                    "fr": "Diplôme d'État d'éducatrice spécialisée",
                    "en": "State diploma in specialist social work",
                },
                "year": 2010,
                "school": "Institut régional du travail social Auvergne-Rhône-Alpes",
            },
            {
                "title": {"fr": "Certification de sophrologue", "en": "Sophrologist certification"},
                "year": 2018,
                "school": "École lyonnaise de sophrologie",
            },
            {
                "title": {"fr": "Praticienne EFT", "en": "EFT practitioner"},
                "year": 2021,
                "school": "Formation EFT Rhône-Alpes",
            },
        ],
        "confirmation": "instant",
        "accepts_new_patients": True,
        "price": 5500,
        "duration": 60,
        "week": {
            0: [("14:00", "19:00")],
            2: [("09:00", "12:00")],
            3: [("14:00", "20:00")],
            5: [("10:00", "13:00")],
        },
        "siret": "80488319700019",
        "adeli": None,
        "address": "32 rue des Soyeux, 69004 Lyon",
    },
    {
        "slug": "elodie-sato",
        "first_name": "Élodie",
        "last_name": "Sato",
        "gender": "female",
        "languages": ["fr", "en"],
        "timezone": "Asia/Tokyo",
        "profession": {
            "fr": "Instructrice de méditation de pleine conscience",
            "en": "Mindfulness meditation instructor",
        },
        "therapies": ["meditation-pleine-conscience", "relaxation"],
        "concerns": [
            "stress",
            "anxiete",
            "sommeil",
            "douleurs-chroniques",
            "gestion-des-emotions",
            "burn-out",
        ],
        "modes": ["video", "phone"],
        "headline": {
            "fr": "Méditation de pleine conscience depuis Tokyo : des séances tôt le matin, heure de Paris",
            "en": "Mindfulness meditation from Tokyo: early-morning sessions, Paris time",
        },
        "presentation": {
            "fr": "<p>J'enseigne la pleine conscience à des personnes qui veulent prendre du recul face au stress, mieux dormir ou apprivoiser une douleur. Nous avançons avec des pratiques courtes, que vous pouvez intégrer dans votre journée sans bouleverser votre organisation.</p>"
            "<p>Je vis au Japon depuis 2016. Mes séances ont lieu en fin d'après-midi à Tokyo, c'est-à-dire tôt le matin en France : un bon moment pour commencer la journée au calme. Je consulte en français et en anglais.</p>",
            "en": "<p>I teach mindfulness to people who want to step back from stress, sleep better or come to terms with pain. We progress through short practices that you can fit into your day without upending your routine.</p>"
            "<p>I have lived in Japan since 2016. My sessions take place in the late afternoon in Tokyo, which is early morning in France: a good time to start the day calmly. I work in French and English.</p>",
        },
        "career": {
            "fr": "<ul><li>2009–2016 : chargée de communication dans une agence à Paris</li>"
            "<li>Depuis 2018 : instructrice de pleine conscience, cycles de huit semaines en ligne</li>"
            "<li>Interventions auprès d'équipes d'entreprises françaises au Japon</li></ul>",
            "en": "<ul><li>2009–2016: communications officer at an agency in Paris</li>"
            "<li>Since 2018: mindfulness instructor, eight-week online courses</li>"
            "<li>Sessions for teams of French companies in Japan</li></ul>",
        },
        "diplomas": [
            {
                "title": {"fr": "Formation d'instructrice MBSR", "en": "MBSR instructor training"},
                "year": 2018,
                "school": "Centre international de pleine conscience",
            },
            {
                "title": {
                    "fr": "Certificat de relaxation psychocorporelle",
                    "en": "Certificate in mind-body relaxation",
                },
                "year": 2019,
                "school": "Institut de relaxation de Paris",
            },
        ],
        "confirmation": "instant",
        "accepts_new_patients": True,
        "price": 5000,
        "duration": 50,
        "week": {
            0: [("15:00", "19:00")],
            1: [("15:00", "19:00")],
            3: [("15:00", "19:00")],
            4: [("15:00", "18:00")],
            5: [("16:00", "19:00")],
        },
        "siret": "94973641700013",
        "adeli": None,
        "address": "11 rue des Cerisiers, 13100 Aix-en-Provence",
    },
    {
        "slug": "antoine-dubois",
        "first_name": "Antoine",
        "last_name": "Dubois",
        "gender": "male",
        "languages": ["fr"],
        "timezone": "Europe/Paris",
        "profession": {
            "fr": "Consultant en bilan de compétences",
            "en": "Skills assessment consultant",
        },
        "therapies": ["bilan-de-competences", "orientation-professionnelle"],
        "concerns": ["reconversion-professionnelle", "burn-out", "confiance-en-soi"],
        "modes": ["video"],
        "headline": {
            "fr": "Bilans de compétences et reconversions, avec des séances possibles en soirée",
            "en": "Skills assessments and career changes, with evening sessions available",
        },
        "presentation": {
            "fr": "<p>J'accompagne des salariés, des indépendants et des personnes en recherche d'emploi qui s'interrogent sur leur avenir professionnel. Certains arrivent avec une idée précise, d'autres avec un simple « je ne peux plus continuer comme ça » : les deux sont de bons points de départ.</p>"
            "<p>Le bilan se déroule sur huit à dix semaines, avec des séances en visio et un travail personnel entre les rendez-vous. Je propose aussi quelques créneaux le mardi soir pour les personnes qui ne peuvent pas se libérer en journée.</p>",
            "en": '<p>I support employees, freelancers and job seekers who are asking themselves questions about their working future. Some arrive with a clear idea, others with a simple "I can\'t go on like this": both are good starting points.</p>'
            "<p>The assessment runs over eight to ten weeks, with video sessions and personal work between appointments. I also offer a few slots on Tuesday evenings for people who cannot get away during the day.</p>",
        },
        "career": {
            "fr": "<ul><li>2006–2014 : responsable de recrutement dans un groupe de distribution</li>"
            "<li>2014–2019 : conseiller en évolution professionnelle</li>"
            "<li>Depuis 2019 : consultant indépendant en bilan de compétences</li></ul>",
            "en": "<ul><li>2006–2014: recruitment manager in a retail group</li>"
            "<li>2014–2019: career development adviser</li>"
            "<li>Since 2019: independent skills assessment consultant</li></ul>",
        },
        "diplomas": [
            {
                "title": {
                    "fr": "Master de psychologie du travail",
                    "en": "Master's in occupational psychology",
                },
                "year": 2006,
                "school": "Université de Lille",
            },
            {
                "title": {
                    "fr": "Certificat de praticien du bilan de compétences",
                    "en": "Skills assessment practitioner certificate",
                },
                "year": 2014,
                "school": "Institut de l'orientation des Hauts-de-France",
            },
        ],
        "confirmation": "request",
        "accepts_new_patients": True,
        "price": 11000,
        "duration": 90,
        "week": {
            0: [("09:00", "12:30"), ("14:00", "18:00")],
            1: [("18:00", "21:00")],
            3: [("09:00", "12:30"), ("14:00", "18:00")],
        },
        "siret": "87669281500015",
        "adeli": None,
        "address": "6 rue des Brasseurs, 59000 Lille",
    },
    {
        "slug": "lea-fontaine",
        "first_name": "Léa",
        "last_name": "Fontaine",
        "gender": "female",
        "languages": ["fr", "en"],
        "timezone": "America/Montreal",
        "profession": {"fr": "Conseillère d'orientation", "en": "Guidance counsellor"},
        "therapies": ["orientation-scolaire", "orientation-professionnelle", "coaching-personnel"],
        "concerns": [
            "orientation-etudes",
            "confiance-en-soi",
            "reconversion-professionnelle",
            "stress",
        ],
        "modes": ["video"],
        "headline": {
            "fr": "Orientation des lycéens et étudiants, après les cours ou le samedi, heure de Paris",
            "en": "Guidance for secondary school and university students, after class or on Saturdays, Paris time",
        },
        "presentation": {
            "fr": "<p>J'aide les lycéens et les étudiants à choisir leurs spécialités, à préparer leurs vœux ou à se réorienter, et j'accompagne aussi de jeunes adultes qui cherchent leur voie. J'accorde beaucoup d'importance à ce que le jeune reste maître de ses choix.</p>"
            "<p>Installée au Québec, je connais bien les études en France comme au Canada, ce qui aide les familles qui envisagent une mobilité. Mes créneaux tombent en fin de journée ou le samedi midi, heure française.</p>",
            "en": "<p>I help secondary school and university students choose their specialist subjects, prepare their applications or change course, and I also support young adults looking for their path. I care a great deal about young people staying in charge of their own choices.</p>"
            "<p>Living in Quebec, I know studying in France and in Canada well, which helps families considering a move abroad. My slots fall at the end of the day or around Saturday lunchtime, French time.</p>",
        },
        "career": {
            "fr": "<ul><li>2010–2017 : psychologue de l'Éducation nationale, conseil en orientation, en lycée</li>"
            "<li>2017–2021 : conseillère au service d'orientation d'une université montréalaise</li>"
            "<li>Depuis 2021 : accompagnement des familles à distance</li></ul>",
            "en": "<ul><li>2010–2017: guidance psychologist in French state secondary schools</li>"
            "<li>2017–2021: adviser at a Montreal university's guidance service</li>"
            "<li>Since 2021: remote support for families</li></ul>",
        },
        "diplomas": [
            {
                "title": {
                    "fr": "Master de psychologie de l'orientation",
                    "en": "Master's in guidance psychology",
                },
                "year": 2010,
                "school": "Conservatoire national des arts et métiers",
            },
            {
                "title": {"fr": "Certificat en coaching de vie", "en": "Life coaching certificate"},
                "year": 2020,
                "school": "Institut québécois du coaching",
            },
        ],
        "confirmation": "request",
        "accepts_new_patients": True,
        "price": 8000,
        "duration": 60,
        "week": {
            0: [("11:00", "15:00")],
            2: [("08:00", "15:00")],
            3: [("11:00", "15:00")],
            5: [("06:00", "10:00")],
        },
        "siret": "88594753100012",
        "adeli": None,
        "address": "25 rue du Moulin, 37000 Tours",
    },
    {
        "slug": "sam-girard",
        "first_name": "Sam",
        "last_name": "Girard",
        "gender": "non_binary",
        "languages": ["fr", "en"],
        "timezone": "Europe/Paris",
        "profession": {"fr": "Art-thérapeute", "en": "Art therapist"},
        "therapies": ["art-therapie", "relaxation"],
        "concerns": [
            "gestion-des-emotions",
            "deuil",
            "anxiete",
            "confiance-en-soi",
            "troubles-alimentaires",
        ],
        "modes": ["video"],
        "headline": {
            "fr": "Art-thérapie pour dire autrement ce qui pèse, sans besoin de savoir dessiner",
            "en": "Art therapy to express what weighs on you in another way, no drawing skills needed",
        },
        "presentation": {
            "fr": "<p>Je propose un espace où les crayons, la peinture, le collage ou l'écriture prennent le relais quand les mots manquent. J'accompagne des adolescents et des adultes qui traversent un deuil, une période d'anxiété ou une difficulté à se sentir à leur place.</p>"
            "<p>Avant notre première séance, je vous envoie une courte liste de matériel très simple. Pendant la séance, rien n'est jugé ni noté : ce qui compte, c'est ce que vous vivez en créant et ce que vous choisissez d'en dire.</p>",
            "en": "<p>I offer a space where pencils, paint, collage or writing take over when words fail. I work with teenagers and adults going through grief, an anxious period or difficulty feeling they belong.</p>"
            "<p>Before our first session, I send you a short list of very simple supplies. During the session nothing is judged or graded: what matters is what you experience while creating and what you choose to say about it.</p>",
        },
        "career": {
            "fr": "<ul><li>2012–2016 : graphiste dans une maison d'édition</li>"
            "<li>Depuis 2018 : art-thérapeute en établissement pour adolescents, puis en libéral</li>"
            "<li>Ateliers d'expression pour une association d'accompagnement du deuil</li></ul>",
            "en": "<ul><li>2012–2016: graphic designer at a publishing house</li>"
            "<li>Since 2018: art therapist in a facility for teenagers, then in private practice</li>"
            "<li>Expression workshops for a bereavement support association</li></ul>",
        },
        "diplomas": [
            {
                "title": {
                    "fr": "Diplôme universitaire d'art-thérapie",
                    "en": "University diploma in art therapy",
                },
                "year": 2018,
                "school": "Université de Tours",
            },
            {
                "title": {
                    "fr": "Licence d'arts plastiques",
                    "en": "Bachelor's degree in visual arts",
                },
                "year": 2012,
                "school": "Université Rennes 2",
            },
        ],
        "confirmation": "instant",
        "accepts_new_patients": True,
        "price": 6000,
        "duration": 60,
        "week": {
            1: [("10:00", "13:00")],
            2: [("14:00", "18:00")],
            4: [("10:00", "13:00"), ("14:00", "17:00")],
            5: [("10:00", "13:00")],
        },
        "siret": "84634354900016",
        "adeli": None,
        "address": "19 rue des Ateliers, 35000 Rennes",
    },
    {
        "slug": "nicolas-petit",
        "first_name": "Nicolas",
        "last_name": "Petit",
        "gender": "male",
        "languages": ["fr"],
        "timezone": "Europe/Paris",
        "profession": {"fr": "Kinésiologue", "en": "Kinesiologist"},
        "therapies": ["kinesiologie-brain-gym", "relaxation"],
        "concerns": [
            "stress",
            "confiance-en-soi",
            "orientation-etudes",
            "fatigue",
            "gestion-des-emotions",
        ],
        "modes": ["video"],
        "headline": {
            "fr": "Brain Gym et relaxation pour les enfants, les ados et les adultes, le mercredi et le samedi",
            "en": "Brain Gym and relaxation for children, teenagers and adults, on Wednesdays and Saturdays",
        },
        "presentation": {
            "fr": "<p>Je reçois beaucoup d'enfants et d'adolescents stressés par l'école ou les examens, accompagnés de leurs parents, ainsi que des adultes qui se sentent dispersés ou à bout de souffle. Les séances sont vivantes : on bouge, on respire, on essaie.</p>"
            "<p>Je reste attentif à ce qui relève d'un autre professionnel : si une difficulté d'apprentissage ou un mal-être important apparaît, je vous oriente vers un médecin, un orthophoniste ou un psychologue.</p>",
            "en": "<p>I see many children and teenagers stressed by school or exams, together with their parents, as well as adults who feel scattered or out of breath. Sessions are lively: we move, we breathe, we try things out.</p>"
            "<p>I stay alert to what belongs to another professional: if a learning difficulty or significant distress comes up, I refer you to a doctor, a speech therapist or a psychologist.</p>",
        },
        "career": {
            "fr": "<ul><li>2008–2016 : professeur des écoles</li>"
            "<li>Depuis 2017 : kinésiologue à Montpellier</li>"
            "<li>Ateliers de préparation aux examens pour collégiens</li></ul>",
            "en": "<ul><li>2008–2016: primary school teacher</li>"
            "<li>Since 2017: kinesiologist in Montpellier</li>"
            "<li>Exam preparation workshops for lower secondary pupils</li></ul>",
        },
        "diplomas": [
            {
                "title": {"fr": "Master Métiers de l'enseignement", "en": "Master's in teaching"},
                "year": 2008,
                "school": "Université de Montpellier",
            },
            {
                "title": {
                    "fr": "Formation de kinésiologue éducatif (Brain Gym)",
                    "en": "Educational kinesiology (Brain Gym) training",
                },
                "year": 2017,
                "school": "École de kinésiologie du Languedoc",
            },
        ],
        "confirmation": "instant",
        "accepts_new_patients": True,
        "price": 5500,
        "duration": 60,
        "week": {
            0: [("17:00", "20:00")],
            2: [("09:00", "12:00"), ("14:00", "18:00")],
            5: [("09:00", "13:00")],
        },
        "siret": "82686186600018",
        "adeli": None,
        "address": "3 rue des Oliviers, 34000 Montpellier",
    },
    {
        "slug": "helene-bernard",
        "first_name": "Hélène",
        "last_name": "Bernard",
        "gender": "female",
        "languages": ["fr"],
        "timezone": "Europe/Paris",
        "profession": {
            "fr": "Praticienne en analyse transactionnelle",
            "en": "Transactional analysis practitioner",
        },
        "therapies": ["analyse-transactionnelle", "psychologie-positive"],
        "concerns": ["confiance-en-soi", "gestion-des-emotions", "burn-out", "stress"],
        "modes": ["video", "phone"],
        "headline": {
            "fr": "Analyse transactionnelle pour sortir des scénarios qui se répètent, au travail comme en famille",
            "en": "Transactional analysis to step out of repeating scripts, at work and in the family",
        },
        "presentation": {
            "fr": "<p>Vous avez l'impression de rejouer toujours les mêmes conflits, de ne pas savoir dire non ou de ne jamais en faire assez ? L'analyse transactionnelle offre des repères clairs pour comprendre ces mécanismes et essayer d'autres façons de faire.</p>"
            "<p>J'y associe des outils de psychologie positive pour vous aider à vous appuyer sur vos forces. Je travaille avec des adultes, en séances individuelles, par vidéo ou par téléphone.</p>",
            "en": "<p>Do you feel you keep replaying the same conflicts, cannot say no or never do enough? Transactional analysis offers clear markers to understand these mechanisms and try other ways of doing things.</p>"
            "<p>I combine it with positive psychology tools to help you rely on your strengths. I work with adults in individual sessions, by video or phone.</p>",
        },
        "career": {
            "fr": "<ul><li>1998–2014 : cadre dans le secteur bancaire, puis responsable de formation</li>"
            "<li>Depuis 2015 : accompagnement individuel en analyse transactionnelle</li>"
            "<li>Supervision régulière par une analyste transactionnelle didacticienne</li></ul>",
            "en": "<ul><li>1998–2014: manager in banking, then training manager</li>"
            "<li>Since 2015: individual support in transactional analysis</li>"
            "<li>Regular supervision by a teaching transactional analyst</li></ul>",
        },
        "diplomas": [
            {
                "title": {
                    "fr": "Cursus de formation en analyse transactionnelle (champ conseil)",
                    "en": "Transactional analysis training (counselling field)",
                },
                "year": 2014,
                "school": "Institut méditerranéen d'analyse transactionnelle",
            },
            {
                "title": {
                    "fr": "Diplôme universitaire de psychologie positive",
                    "en": "University diploma in positive psychology",
                },
                "year": 2019,
                "school": "Université Côte d'Azur",
            },
        ],
        "confirmation": "request",
        "accepts_new_patients": True,
        "price": 6500,
        "duration": 60,
        "week": {
            0: [("09:00", "12:00")],
            1: [("14:00", "18:00")],
            3: [("09:00", "12:00"), ("14:00", "18:00")],
        },
        "siret": "81866463300018",
        "adeli": None,
        "address": "10 avenue des Mimosas, 06000 Nice",
    },
    {
        "slug": "marc-aubert",
        "first_name": "Marc",
        "last_name": "Aubert",
        "gender": "male",
        "languages": ["fr", "es"],
        "timezone": "Europe/Paris",
        "profession": {
            "fr": "Psychologue et thérapeute familial",
            "en": "Psychologist and family therapist",
        },
        "therapies": ["psychologue", "therapie-systemique"],
        "concerns": [
            "deuil",
            "addictions",
            "troubles-alimentaires",
            "gestion-des-emotions",
            "deprime-depression",
            "anxiete",
        ],
        "modes": ["video", "phone"],
        "headline": {
            "fr": "Psychologue et thérapeute de couple et de famille, en français ou en espagnol",
            "en": "Psychologist and couple and family therapist, in French or Spanish",
        },
        "presentation": {
            "fr": "<p>Je reçois des personnes seules, des couples et des familles. Quand quelqu'un souffre, c'est souvent tout son entourage qui est touché : je vous aide à remettre de la parole là où les échanges se sont tendus ou figés.</p>"
            "<p>Je propose des séances individuelles par vidéo ou par téléphone, et des séances de couple ou de famille par vidéo, chacun pouvant se connecter depuis chez soi. Je consulte en français et en espagnol.</p>",
            "en": "<p>I see individuals, couples and families. When someone is suffering, the people around them are often affected too: I help you bring conversation back where exchanges have become tense or frozen.</p>"
            "<p>I offer individual sessions by video or phone, and couple or family sessions by video, with each person able to log in from home. I work in French and Spanish.</p>",
        },
        "career": {
            "fr": "<ul><li>2009–2016 : psychologue dans une maison des adolescents</li>"
            "<li>2014–2020 : thérapeute familial dans un service hospitalier de pédopsychiatrie</li>"
            "<li>Depuis 2016 : exercice libéral à Toulouse et à distance</li></ul>",
            "en": "<ul><li>2009–2016: psychologist at a teenagers' support centre</li>"
            "<li>2014–2020: family therapist in a hospital child psychiatry department</li>"
            "<li>Since 2016: private practice in Toulouse and remotely</li></ul>",
        },
        "diplomas": [
            {
                "title": {
                    "fr": "Master de psychologie clinique de l'enfant et de l'adolescent",
                    "en": "Master's in clinical child and adolescent psychology",
                },
                "year": 2009,
                "school": "Université Toulouse Jean Jaurès",
            },
            {
                "title": {
                    "fr": "Formation à la thérapie familiale systémique",
                    "en": "Training in systemic family therapy",
                },
                "year": 2013,
                "school": "Institut de thérapie familiale d'Occitanie",
            },
        ],
        "confirmation": "request",
        "accepts_new_patients": True,
        "price": 7000,
        "duration": 60,
        "week": {
            0: [("10:00", "13:00"), ("14:00", "19:00")],
            1: [("17:00", "21:00")],
            3: [("10:00", "13:00"), ("14:00", "19:00")],
            5: [("09:00", "12:00")],
        },
        "siret": "92748879100017",
        "adeli": "319305417",
        "address": "7 rue du Pastel, 31000 Toulouse",
    },
    {
        "slug": "julie-renard",
        "first_name": "Julie",
        "last_name": "Renard",
        "gender": "female",
        "languages": ["fr"],
        "timezone": "Europe/Paris",
        "profession": {"fr": "Coach de vie", "en": "Life coach"},
        "therapies": ["coaching-personnel", "pnl", "psychologie-positive"],
        "concerns": [
            "confiance-en-soi",
            "stress",
            "gestion-des-emotions",
            "reconversion-professionnelle",
            "phobies",
        ],
        "modes": ["video", "phone"],
        "headline": {
            "fr": "Coaching de vie pour reprendre confiance et avancer vers un projet qui vous ressemble",
            "en": "Life coaching to regain confidence and move towards a project that feels like you",
        },
        "presentation": {
            "fr": "<p>J'accompagne des personnes à un moment de transition : après une séparation, un déménagement, l'arrivée d'un enfant ou simplement l'envie que les choses bougent. Ensemble, nous clarifions ce que vous voulez vraiment et nous cherchons les premiers pas possibles.</p>"
            "<p>J'utilise des outils de PNL et de psychologie positive, toujours au service de vos objectifs. Je consulte le lundi à midi et en soirée, le mercredi matin et le vendredi.</p>",
            "en": "<p>I support people at a moment of transition: after a separation, a move, the arrival of a child or simply the wish for things to change. Together we clarify what you really want and look for the first possible steps.</p>"
            "<p>I use NLP and positive psychology tools, always in service of your goals. I see people on Mondays at lunchtime and in the evening, on Wednesday mornings and on Fridays.</p>",
        },
        "career": {
            "fr": "<ul><li>2007–2018 : cheffe de projet dans le tourisme de montagne</li>"
            "<li>Depuis 2019 : coach de vie à Grenoble et à distance</li></ul>",
            "en": "<ul><li>2007–2018: project manager in mountain tourism</li>"
            "<li>Since 2019: life coach in Grenoble and remotely</li></ul>",
        },
        "diplomas": [
            {
                "title": {"fr": "Certification de coach", "en": "Coaching certification"},
                "year": 2019,
                "school": "École de coaching des Alpes",
            },
            {
                "title": {"fr": "Maître praticienne en PNL", "en": "NLP master practitioner"},
                "year": 2021,
                "school": "Institut dauphinois de PNL",
            },
        ],
        "confirmation": "instant",
        "accepts_new_patients": False,
        "price": 7000,
        "duration": 60,
        "week": {
            0: [("12:00", "14:00"), ("18:00", "21:00")],
            2: [("09:00", "12:00")],
            4: [("09:00", "12:00"), ("14:00", "17:00")],
        },
        "siret": "88745812300015",
        "adeli": None,
        "address": "28 rue des Alpages, 38000 Grenoble",
    },
    {
        "slug": "olivier-garnier",
        "first_name": "Olivier",
        "last_name": "Garnier",
        "gender": "male",
        "languages": ["fr", "en"],
        "timezone": "Europe/Paris",
        "profession": {"fr": "Hypnothérapeute", "en": "Hypnotherapist"},
        "therapies": ["hypnotherapie", "relaxation"],
        "concerns": [
            "sommeil",
            "douleurs-chroniques",
            "addictions",
            "phobies",
            "stress",
            "anxiete",
        ],
        "modes": ["video", "phone"],
        "headline": {
            "fr": "Hypnose pour le sommeil, la douleur et l'arrêt du tabac, en français ou en anglais",
            "en": "Hypnosis for sleep, pain and quitting smoking, in French or English",
        },
        "presentation": {
            "fr": "<p>Je suis hypnothérapeute et j'accompagne principalement des personnes qui dorment mal, qui vivent avec une douleur persistante ou qui veulent arrêter de fumer. J'explique toujours ce que je fais : l'hypnose n'a rien de mystérieux, et vous restez aux commandes du début à la fin.</p>"
            "<p>Les séances par téléphone fonctionnent très bien pour l'hypnose ; je vous conseille simplement un casque et un fauteuil confortable. Je consulte en français et en anglais.</p>",
            "en": "<p>I am a hypnotherapist and mainly support people who sleep badly, live with persistent pain or want to stop smoking. I always explain what I am doing: there is nothing mysterious about hypnosis, and you stay in control from start to finish.</p>"
            "<p>Phone sessions work very well for hypnosis; I simply recommend headphones and a comfortable armchair. I work in French and English.</p>",
        },
        "career": {
            "fr": "<ul><li>2004–2015 : masseur-kinésithérapeute en centre de rééducation</li>"
            "<li>Depuis 2015 : hypnothérapeute à Paris</li>"
            "<li>Interventions dans un réseau associatif d'accompagnement de la douleur chronique</li></ul>",
            "en": "<ul><li>2004–2015: physiotherapist in a rehabilitation centre</li>"
            "<li>Since 2015: hypnotherapist in Paris</li>"
            "<li>Talks for a voluntary network supporting people with chronic pain</li></ul>",
        },
        "diplomas": [
            {
                "title": {
                    "fr": "Diplôme d'État de masseur-kinésithérapeute",
                    "en": "State diploma in physiotherapy",
                },
                "year": 2004,
                "school": "Institut de formation en masso-kinésithérapie de Paris",
            },
            {
                "title": {
                    "fr": "Diplôme universitaire d'hypnose médicale",
                    "en": "University diploma in medical hypnosis",
                },
                "year": 2014,
                "school": "Sorbonne Université",
            },
        ],
        "confirmation": "request",
        "accepts_new_patients": True,
        "price": 7500,
        "duration": 60,
        "week": {
            0: [("08:00", "12:00")],
            1: [("12:00", "20:00")],
            3: [("12:00", "20:00")],
            5: [("09:00", "13:00")],
        },
        "siret": "91370697400015",
        "adeli": None,
        "address": "31 rue des Glycines, 75013 Paris",
    },
]
