"""Therapy categories and the therapies offered on Khepri (demo content).

Prices are integer euro cents; durations are minutes. Concern slugs refer to `concerns.py`.
"""

T = dict[str, str]

CATEGORIES: list[dict] = [
    {
        "key": "mind-body",
        "title": {"fr": "Corps et esprit", "en": "Mind and body"},
        "intro": {
            "fr": "Des approches qui passent par la respiration, l'attention au corps, l'imaginaire ou la création pour apaiser les tensions et retrouver de la disponibilité intérieure.",
            "en": "Approaches that work through breathing, body awareness, imagination or creative expression to ease tension and free up some inner room.",
        },
    },
    {
        "key": "psychology",
        "title": {"fr": "Psychologie et psychothérapies", "en": "Psychology and talking therapies"},
        "intro": {
            "fr": "Un espace de parole structuré avec des professionnels formés, pour comprendre ce qui se joue, traverser une période difficile et faire évoluer ce qui vous fait souffrir.",
            "en": "A structured space to talk with trained professionals, to understand what is going on, get through a hard period and change what causes you pain.",
        },
    },
    {
        "key": "nutrition",
        "title": {"fr": "Alimentation et hygiène de vie", "en": "Food and lifestyle"},
        "intro": {
            "fr": "Un accompagnement autour de l'assiette, du sommeil, du rythme de vie et de l'énergie au quotidien, en complément du suivi par votre médecin.",
            "en": "Support around what you eat, how you sleep, the pace of your days and your everyday energy, alongside the care of your doctor.",
        },
    },
    {
        "key": "plant-care",
        "title": {"fr": "Soins par les plantes", "en": "Plant-based care"},
        "intro": {
            "fr": "Des conseils personnalisés sur l'usage des plantes et des huiles essentielles, avec une attention particulière aux précautions d'emploi et aux traitements en cours.",
            "en": "Personal advice on using medicinal plants and essential oils, with close attention to safety precautions and any treatment you already take.",
        },
    },
    {
        "key": "coaching",
        "title": {"fr": "Coaching", "en": "Coaching"},
        "intro": {
            "fr": "Un accompagnement tourné vers vos objectifs, au travail comme dans la vie personnelle, pour clarifier ce que vous voulez et avancer à votre rythme.",
            "en": "Goal-oriented support, at work or in your personal life, to clarify what you want and move forward at your own pace.",
        },
    },
    {
        "key": "guidance",
        "title": {"fr": "Orientation et bilans", "en": "Guidance and career reviews"},
        "intro": {
            "fr": "Pour faire le point sur vos compétences, choisir une formation ou préparer un changement de métier, avec une méthode et un regard extérieur.",
            "en": "To take stock of your skills, choose a course of study or prepare a career change, with a method and an outside perspective.",
        },
    },
]

THERAPIES: list[dict] = [
    # ------------------------------------------------------------------ mind-body
    {
        "slug": "sophrologie",
        "category": "mind-body",
        "title": {"fr": "Sophrologie", "en": "Sophrology"},
        "summary": {
            "fr": "Une méthode douce qui associe respiration, détente musculaire et visualisation pour mieux gérer le stress et retrouver un sommeil plus paisible.",
            "en": "A gentle method that combines breathing, muscle relaxation and visualisation to handle stress better and find calmer sleep.",
        },
        "body": {
            "fr": "<p>La sophrologie est une méthode de relaxation dynamique créée dans les années 1960 par le neuropsychiatre Alfonso Caycedo. Elle propose des exercices simples, réalisés assis ou debout, qui mobilisent la respiration, le relâchement des tensions et l'imagination.</p>"
            "<p>Au fil des séances, le sophrologue vous guide par la voix. Vous apprenez à repérer les signaux de votre corps, à relâcher ce qui se crispe et à vous appuyer sur des images apaisantes. Le but est que vous puissiez ensuite refaire ces exercices seul, quelques minutes par jour, au moment où vous en avez besoin.</p>"
            "<p>Beaucoup de personnes y ont recours pour traverser une période de stress, préparer un examen, un entretien ou une intervention, améliorer leur sommeil ou mieux vivre avec une douleur. Aucune condition physique particulière n'est nécessaire.</p>"
            "<p>La sophrologie n'est pas un soin médical : elle ne pose pas de diagnostic et ne remplace ni un traitement, ni un suivi par un médecin ou un psychologue. Le métier de sophrologue n'est pas réglementé en France ; les fiches de nos praticiens indiquent leur formation.</p>",
            "en": "<p>Sophrology is a dynamic relaxation method created in the 1960s by the neuropsychiatrist Alfonso Caycedo. It offers simple exercises, done sitting or standing, that use breathing, the release of tension and imagination.</p>"
            "<p>Session after session, the sophrologist guides you with their voice. You learn to notice your body's signals, to let go of what tightens up and to lean on calming images. The aim is for you to repeat these exercises on your own, a few minutes a day, whenever you need them.</p>"
            "<p>Many people turn to it to get through a stressful period, prepare for an exam, an interview or a medical procedure, sleep better or live more comfortably with pain. No particular physical fitness is needed.</p>"
            "<p>Sophrology is not medical care: it does not diagnose anything and does not replace a treatment or follow-up by a doctor or a psychologist. Sophrology is not a regulated profession in France; our practitioners' profiles list their training.</p>",
        },
        "remote_session": {
            "fr": "<ol><li>Vous vous installez dans une pièce calme, sur une chaise stable, avec un casque ou des écouteurs si possible.</li>"
            "<li>La séance commence par un échange de quelques minutes sur votre semaine et ce que vous souhaitez travailler.</li>"
            "<li>Le sophrologue vous guide ensuite dans une série d'exercices ; vous pouvez garder les yeux fermés, la caméra n'a pas besoin de vous filmer en entier.</li>"
            "<li>Un temps de retour vous permet de dire ce que vous avez ressenti.</li>"
            "<li>Vous repartez avec un ou deux exercices à pratiquer, parfois accompagnés d'un enregistrement audio.</li></ol>",
            "en": "<ol><li>You settle in a quiet room, on a steady chair, with headphones or earbuds if possible.</li>"
            "<li>The session opens with a few minutes of conversation about your week and what you would like to work on.</li>"
            "<li>The sophrologist then guides you through a series of exercises; you may keep your eyes closed, and the camera does not need to show all of you.</li>"
            "<li>A short debrief lets you say what you felt.</li>"
            "<li>You leave with one or two exercises to practise, sometimes with an audio recording.</li></ol>",
        },
        "concerns": [
            "stress",
            "anxiete",
            "sommeil",
            "burn-out",
            "confiance-en-soi",
            "douleurs-chroniques",
            "phobies",
            "gestion-des-emotions",
        ],
        "duration_min": 45,
        "duration_max": 60,
        "price_min": 5000,
        "price_max": 7000,
        "modes": ["video", "phone"],
    },
    {
        "slug": "hypnotherapie",
        "category": "mind-body",
        "title": {"fr": "Hypnothérapie", "en": "Hypnotherapy"},
        "summary": {
            "fr": "Un accompagnement qui utilise un état de concentration tournée vers l'intérieur pour aborder autrement une peur, une habitude ou une douleur.",
            "en": "Support that uses a state of inward-focused attention to approach a fear, a habit or a pain from a different angle.",
        },
        "body": {
            "fr": "<p>L'hypnose utilisée en accompagnement, souvent dite ericksonienne, s'appuie sur un état naturel que chacun connaît : celui où l'on est absorbé par un livre ou une rêverie. Dans cet état, l'attention se resserre et l'imagination devient plus disponible.</p>"
            "<p>Après un premier temps d'échange pour définir un objectif précis, l'hypnothérapeute vous guide par la voix vers cet état de détente concentrée. Il utilise ensuite des images, des métaphores ou des suggestions adaptées à ce que vous avez exprimé. Vous restez conscient, vous entendez tout et vous pouvez interrompre la séance à tout moment.</p>"
            "<p>De nombreuses personnes y font appel pour des peurs ciblées, l'arrêt du tabac, des troubles du sommeil, la gestion de douleurs ou la préparation d'un événement. Quelques séances suffisent souvent pour savoir si l'approche vous convient.</p>"
            "<p>L'hypnothérapie ne remplace pas un avis médical. Elle est en général déconseillée en cas de trouble psychiatrique sévère non suivi ; parlez-en d'abord à votre médecin. Le titre d'hypnothérapeute n'est pas réglementé : vérifiez la formation indiquée sur la fiche du praticien.</p>",
            "en": "<p>The hypnosis used in therapeutic support, often called Ericksonian, relies on a natural state everyone knows: being absorbed in a book or a daydream. In this state, attention narrows and imagination becomes more available.</p>"
            "<p>After a first conversation to set a precise goal, the hypnotherapist guides you with their voice into this state of focused relaxation. They then use images, metaphors or suggestions matched to what you have said. You remain aware, you hear everything and you can stop the session at any moment.</p>"
            "<p>Many people turn to it for specific fears, quitting smoking, sleep problems, coping with pain or preparing for an event. A few sessions are often enough to tell whether the approach suits you.</p>"
            "<p>Hypnotherapy does not replace medical advice. It is usually not recommended for a severe psychiatric condition without follow-up; talk to your doctor first. The title of hypnotherapist is not regulated: check the training listed on the practitioner's profile.</p>",
        },
        "remote_session": {
            "fr": "<ol><li>Choisissez un fauteuil confortable où vous pouvez vous adosser, jamais en voiture ni en marchant.</li>"
            "<li>Posez votre téléphone ou votre ordinateur de façon stable et utilisez un casque pour bien entendre la voix.</li>"
            "<li>Le praticien commence par faire le point avec vous sur l'objectif de la séance.</li>"
            "<li>Vient ensuite la phase d'hypnose, d'une vingtaine de minutes, pendant laquelle il vous suffit d'écouter.</li>"
            "<li>Vous reprenez doucement contact avec la pièce, puis vous échangez sur ce que vous avez vécu.</li></ol>",
            "en": "<ol><li>Choose a comfortable armchair you can lean back in; never in a car or while walking.</li>"
            "<li>Set your phone or computer down securely and use headphones to hear the voice clearly.</li>"
            "<li>The practitioner starts by reviewing the goal of the session with you.</li>"
            "<li>Then comes the hypnosis phase, about twenty minutes long, during which you only need to listen.</li>"
            "<li>You gently come back to the room, then talk about what you experienced.</li></ol>",
        },
        "concerns": [
            "phobies",
            "addictions",
            "sommeil",
            "douleurs-chroniques",
            "stress",
            "anxiete",
            "confiance-en-soi",
        ],
        "duration_min": 60,
        "duration_max": 75,
        "price_min": 6000,
        "price_max": 9000,
        "modes": ["video", "phone"],
    },
    {
        "slug": "eft",
        "category": "mind-body",
        "title": {"fr": "EFT", "en": "EFT (Emotional Freedom Techniques)"},
        "summary": {
            "fr": "Une technique qui associe de légers tapotements sur certains points du visage et du corps à l'évocation d'une émotion difficile.",
            "en": "A technique that combines light tapping on points of the face and body with bringing a difficult emotion to mind.",
        },
        "body": {
            "fr": "<p>L'EFT, pour <em>Emotional Freedom Techniques</em>, a été mise au point aux États-Unis dans les années 1990. Elle consiste à tapoter du bout des doigts une série de points situés sur le visage, le haut du buste et la main, tout en portant son attention sur une émotion ou un souvenir précis.</p>"
            "<p>Le praticien vous aide d'abord à nommer ce qui vous gêne et à évaluer son intensité sur une échelle de 0 à 10. Vous faites ensuite plusieurs rondes de tapotements en répétant des phrases courtes, puis vous mesurez à nouveau ce que vous ressentez. Une fois apprise, la technique peut être utilisée seul au quotidien.</p>"
            "<p>Elle est souvent choisie pour des émotions envahissantes, le trac, des peurs ciblées ou un stress qui s'installe. Beaucoup de personnes apprécient son côté concret et facile à emporter chez soi.</p>"
            "<p>Les études scientifiques sur l'EFT restent limitées et leurs résultats sont discutés. Elle ne remplace pas un suivi médical ou psychologique, en particulier après un événement traumatique important.</p>",
            "en": "<p>EFT, short for <em>Emotional Freedom Techniques</em>, was developed in the United States in the 1990s. It involves tapping with your fingertips on a series of points on the face, upper chest and hand while focusing on a specific emotion or memory.</p>"
            "<p>The practitioner first helps you name what is bothering you and rate its intensity on a scale from 0 to 10. You then do several rounds of tapping while repeating short phrases, and rate again how you feel. Once learnt, the technique can be used on your own in daily life.</p>"
            "<p>It is often chosen for overwhelming emotions, stage fright, specific fears or stress that settles in. Many people like how concrete it is and how easily it can be taken home.</p>"
            "<p>Scientific studies of EFT remain limited and their results are debated. It does not replace medical or psychological care, especially after a major traumatic event.</p>",
        },
        "remote_session": {
            "fr": "<ol><li>La vidéo est préférable pour la première séance : le praticien vous montre les points et vérifie vos gestes.</li>"
            "<li>Placez la caméra de façon à ce que votre visage et vos mains soient visibles.</li>"
            "<li>Vous choisissez ensemble un sujet précis et vous notez son intensité.</li>"
            "<li>Le praticien tapote en même temps que vous à l'écran, vous n'avez qu'à suivre.</li>"
            "<li>Les séances suivantes peuvent se faire par téléphone si vous êtes à l'aise avec les points.</li></ol>",
            "en": "<ol><li>Video is best for the first session: the practitioner shows you the points and checks your movements.</li>"
            "<li>Set the camera so that your face and hands are visible.</li>"
            "<li>Together you choose a specific topic and rate its intensity.</li>"
            "<li>The practitioner taps along with you on screen; you just follow.</li>"
            "<li>Later sessions can take place by phone once you are comfortable with the points.</li></ol>",
        },
        "concerns": ["stress", "anxiete", "phobies", "gestion-des-emotions", "deuil"],
        "duration_min": 45,
        "duration_max": 60,
        "price_min": 5000,
        "price_max": 7000,
        "modes": ["video", "phone"],
    },
    {
        "slug": "kinesiologie-brain-gym",
        "category": "mind-body",
        "title": {"fr": "Kinésiologie et Brain Gym", "en": "Kinesiology and Brain Gym"},
        "summary": {
            "fr": "Des mouvements simples et ludiques, issus du Brain Gym, pour aider à retrouver concentration, calme et élan, chez l'enfant comme chez l'adulte.",
            "en": "Simple, playful movements drawn from Brain Gym to help regain focus, calm and drive, for children and adults alike.",
        },
        "body": {
            "fr": "<p>La kinésiologie éducative, connue sous le nom de Brain Gym, a été développée aux États-Unis par Paul et Gail Dennison. Elle propose une série de mouvements courts, comme des gestes croisés, des étirements ou des points à masser, associés à un objectif que l'on se fixe.</p>"
            "<p>Le praticien commence par clarifier avec vous ce que vous souhaitez améliorer : se concentrer en classe, aborder un examen plus sereinement, retrouver de l'énergie en fin de journée. Il vous propose ensuite quelques mouvements adaptés, que vous pourrez refaire chez vous.</p>"
            "<p>Cette approche est souvent choisie par des parents pour leurs enfants ou adolescents, mais aussi par des adultes qui traversent une période de fatigue ou de dispersion. Elle se pratique habillé, sans matériel.</p>"
            "<p>La kinésiologie relève du bien-être : ses effets n'ont pas été démontrés scientifiquement et elle ne remplace pas un bilan médical, orthophonique ou psychologique, notamment en cas de trouble des apprentissages.</p>",
            "en": "<p>Educational kinesiology, known as Brain Gym, was developed in the United States by Paul and Gail Dennison. It offers a series of short movements, such as cross-body gestures, stretches or points to massage, linked to a goal you set yourself.</p>"
            "<p>The practitioner starts by clarifying what you would like to improve: focusing in class, facing an exam more calmly, finding energy at the end of the day. They then suggest a few suitable movements that you can repeat at home.</p>"
            "<p>Parents often choose this approach for their children or teenagers, but it is also used by adults going through a tired or scattered period. It is done fully clothed, with no equipment.</p>"
            "<p>Kinesiology belongs to well-being practices: its effects have not been scientifically demonstrated, and it does not replace a medical, speech-therapy or psychological assessment, especially for learning difficulties.</p>",
        },
        "remote_session": {
            "fr": "<ol><li>Prévoyez un peu d'espace autour de vous pour bouger les bras et vous lever.</li>"
            "<li>Placez la caméra assez loin pour que le praticien voie le haut de votre corps.</li>"
            "<li>Après un échange sur votre objectif, le praticien fait les mouvements avec vous à l'écran.</li>"
            "<li>Pour un enfant, un parent reste à proximité pendant toute la séance.</li>"
            "<li>Vous terminez par une courte routine à refaire chaque jour.</li></ol>",
            "en": "<ol><li>Leave a little space around you to move your arms and stand up.</li>"
            "<li>Place the camera far enough back for the practitioner to see your upper body.</li>"
            "<li>After talking about your goal, the practitioner does the movements with you on screen.</li>"
            "<li>For a child, a parent stays nearby for the whole session.</li>"
            "<li>You finish with a short routine to repeat every day.</li></ol>",
        },
        "concerns": [
            "stress",
            "confiance-en-soi",
            "orientation-etudes",
            "fatigue",
            "gestion-des-emotions",
        ],
        "duration_min": 45,
        "duration_max": 60,
        "price_min": 4500,
        "price_max": 6500,
        "modes": ["video"],
    },
    {
        "slug": "relaxation",
        "category": "mind-body",
        "title": {"fr": "Relaxation", "en": "Relaxation"},
        "summary": {
            "fr": "Des techniques éprouvées, comme la relaxation progressive ou le training autogène, pour relâcher les tensions et mieux récupérer.",
            "en": "Well-established techniques, such as progressive relaxation or autogenic training, to release tension and recover better.",
        },
        "body": {
            "fr": "<p>La relaxation regroupe plusieurs méthodes qui visent un même but : faire baisser le niveau de tension du corps et, avec lui, celui de l'esprit. Les plus connues sont la relaxation progressive de Jacobson, qui alterne contraction et relâchement des muscles, et le training autogène de Schultz, fondé sur des sensations de lourdeur et de chaleur.</p>"
            "<p>Le praticien vous guide pas à pas, d'une voix posée. Au début, les exercices durent une vingtaine de minutes ; avec l'entraînement, ils deviennent plus courts et peuvent être utilisés discrètement, au travail ou avant de dormir.</p>"
            "<p>La relaxation convient à presque tout le monde, y compris aux personnes qui n'ont jamais pratiqué. Elle est souvent recherchée en cas de stress durable, de difficultés d'endormissement ou de tensions musculaires.</p>"
            "<p>Elle ne soigne pas une maladie et ne remplace pas un traitement. Si vos tensions ou votre fatigue persistent, un avis médical reste indispensable.</p>",
            "en": "<p>Relaxation brings together several methods that share one aim: lowering tension in the body and, with it, in the mind. The best known are Jacobson's progressive relaxation, which alternates tensing and releasing muscles, and Schultz's autogenic training, based on feelings of heaviness and warmth.</p>"
            "<p>The practitioner guides you step by step in a calm voice. At first the exercises last about twenty minutes; with practice they become shorter and can be used discreetly, at work or before sleep.</p>"
            "<p>Relaxation suits almost everyone, including people who have never practised. It is often sought for lasting stress, trouble falling asleep or muscle tension.</p>"
            "<p>It does not cure an illness and does not replace a treatment. If your tension or tiredness persists, medical advice is still essential.</p>",
        },
        "remote_session": {
            "fr": "<ol><li>Installez-vous assis ou allongé, dans une pièce où vous ne serez pas dérangé.</li>"
            "<li>Un casque ou des écouteurs aident à rester centré sur la voix.</li>"
            "<li>Après quelques minutes d'échange, le praticien vous guide dans l'exercice du jour.</li>"
            "<li>Vous prenez ensuite un moment pour dire ce que vous avez remarqué.</li>"
            "<li>Le téléphone convient très bien pour cette pratique, la vidéo n'est pas nécessaire.</li></ol>",
            "en": "<ol><li>Sit or lie down in a room where you will not be disturbed.</li>"
            "<li>Headphones or earbuds help you stay focused on the voice.</li>"
            "<li>After a few minutes of conversation, the practitioner guides you through the day's exercise.</li>"
            "<li>You then take a moment to say what you noticed.</li>"
            "<li>The phone works very well for this practice; video is not necessary.</li></ol>",
        },
        "concerns": ["stress", "sommeil", "anxiete", "douleurs-chroniques", "fatigue"],
        "duration_min": 45,
        "duration_max": 60,
        "price_min": 4000,
        "price_max": 5500,
        "modes": ["video", "phone"],
    },
    {
        "slug": "meditation-pleine-conscience",
        "category": "mind-body",
        "title": {"fr": "Méditation de pleine conscience", "en": "Mindfulness meditation"},
        "summary": {
            "fr": "Apprendre à porter une attention bienveillante à l'instant présent, pour prendre du recul face au stress et aux pensées qui tournent en boucle.",
            "en": "Learning to pay kind attention to the present moment, to step back from stress and from thoughts that go round in circles.",
        },
        "body": {
            "fr": "<p>La pleine conscience consiste à observer ce qui se passe en soi et autour de soi, moment après moment, sans chercher à le juger ni à le changer tout de suite. Elle a été adaptée au monde du soin à partir de la fin des années 1970, notamment avec le programme MBSR de Jon Kabat-Zinn.</p>"
            "<p>En séance, l'instructeur vous guide dans des pratiques courtes : attention à la respiration, balayage corporel, écoute des sons, observation des pensées. Il vous aide aussi à intégrer ces moments de présence dans des gestes ordinaires, comme marcher ou boire un thé.</p>"
            "<p>Beaucoup de personnes la pratiquent pour mieux vivre le stress, prévenir l'épuisement, apprivoiser une douleur persistante ou retrouver de la clarté. Aucune expérience préalable ni croyance particulière n'est nécessaire.</p>"
            "<p>La méditation demande une pratique régulière et ne produit pas d'effet immédiat. Elle peut raviver des émotions fortes chez certaines personnes ; en cas de dépression sévère ou de traumatisme récent, parlez-en d'abord avec un professionnel de santé.</p>",
            "en": "<p>Mindfulness means observing what is happening within and around you, moment after moment, without judging it or trying to change it right away. It was adapted for healthcare from the late 1970s onwards, notably through Jon Kabat-Zinn's MBSR programme.</p>"
            "<p>In a session, the instructor guides you through short practices: attention to the breath, body scan, listening to sounds, observing thoughts. They also help you bring these moments of presence into ordinary activities, such as walking or drinking tea.</p>"
            "<p>Many people practise it to live with stress more easily, prevent exhaustion, come to terms with lasting pain or regain clarity. No prior experience or particular belief is needed.</p>"
            "<p>Meditation requires regular practice and does not work instantly. It can bring up strong emotions in some people; in case of severe depression or recent trauma, talk to a health professional first.</p>",
        },
        "remote_session": {
            "fr": "<ol><li>Asseyez-vous sur une chaise ou un coussin, le dos droit sans être raide.</li>"
            "<li>Coupez les notifications de vos appareils pour la durée de la séance.</li>"
            "<li>L'instructeur présente la pratique du jour, puis vous la guide pendant dix à vingt minutes.</li>"
            "<li>Un temps d'échange suit, pour partager ce que vous avez observé et répondre à vos questions.</li>"
            "<li>Vous recevez une courte pratique à refaire chaque jour jusqu'à la séance suivante.</li></ol>",
            "en": "<ol><li>Sit on a chair or a cushion, with your back upright but not stiff.</li>"
            "<li>Turn off notifications on your devices for the length of the session.</li>"
            "<li>The instructor introduces the day's practice, then guides you through it for ten to twenty minutes.</li>"
            "<li>A conversation follows, to share what you observed and answer your questions.</li>"
            "<li>You receive a short practice to repeat daily until the next session.</li></ol>",
        },
        "concerns": [
            "stress",
            "anxiete",
            "sommeil",
            "douleurs-chroniques",
            "gestion-des-emotions",
            "burn-out",
        ],
        "duration_min": 45,
        "duration_max": 60,
        "price_min": 4000,
        "price_max": 6000,
        "modes": ["video", "phone"],
    },
    {
        "slug": "art-therapie",
        "category": "mind-body",
        "title": {"fr": "Art-thérapie", "en": "Art therapy"},
        "summary": {
            "fr": "Dessiner, peindre, écrire ou assembler des images pour exprimer ce qui est difficile à dire avec des mots. Aucun talent artistique n'est demandé.",
            "en": "Drawing, painting, writing or collage to express what is hard to put into words. No artistic talent is required.",
        },
        "body": {
            "fr": "<p>L'art-thérapie utilise la création comme moyen d'expression et de transformation. Ce qui compte n'est pas la beauté du résultat mais ce qui se passe pendant que l'on crée, et ce que l'œuvre permet ensuite de dire.</p>"
            "<p>L'art-thérapeute propose une consigne ouverte, adaptée à ce que vous traversez. Vous créez à votre rythme, puis vous regardez ensemble ce qui est apparu. Il ne s'agit pas d'interpréter vos dessins à votre place : c'est vous qui donnez du sens à ce que vous avez produit.</p>"
            "<p>Cette approche convient aux personnes qui ont du mal à parler de ce qu'elles ressentent, aux enfants, aux adolescents, et aux adultes qui traversent un deuil, une séparation ou une période de repli.</p>"
            "<p>L'art-thérapie n'est pas un traitement médical. Elle peut accompagner un suivi psychologique ou psychiatrique, mais ne s'y substitue pas.</p>",
            "en": "<p>Art therapy uses creative work as a means of expression and change. What matters is not how beautiful the result is, but what happens while you create and what the work then allows you to say.</p>"
            "<p>The art therapist offers an open prompt suited to what you are going through. You create at your own pace, then you look together at what has emerged. Nobody interprets your drawings for you: you are the one who gives meaning to what you made.</p>"
            "<p>This approach suits people who find it hard to talk about their feelings, children, teenagers, and adults going through bereavement, a separation or a withdrawn period.</p>"
            "<p>Art therapy is not a medical treatment. It can accompany psychological or psychiatric care, but does not replace it.</p>",
        },
        "remote_session": {
            "fr": "<ol><li>Avant la séance, vous recevez une courte liste de matériel simple : feuilles, crayons, vieux magazines, colle.</li>"
            "<li>Installez-vous à une table, la caméra orientée vers vous et votre feuille.</li>"
            "<li>Le praticien propose une consigne, puis reste présent en silence pendant que vous créez.</li>"
            "<li>Vous montrez votre création à la caméra si vous le souhaitez, et vous en parlez ensemble.</li>"
            "<li>Vous gardez vos créations chez vous ; rien n'est enregistré.</li></ol>",
            "en": "<ol><li>Before the session, you receive a short list of simple supplies: paper, pencils, old magazines, glue.</li>"
            "<li>Sit at a table with the camera facing you and your sheet of paper.</li>"
            "<li>The practitioner offers a prompt, then stays quietly present while you create.</li>"
            "<li>You show your work to the camera if you wish, and you talk about it together.</li>"
            "<li>You keep your creations at home; nothing is recorded.</li></ol>",
        },
        "concerns": [
            "gestion-des-emotions",
            "deuil",
            "confiance-en-soi",
            "anxiete",
            "troubles-alimentaires",
        ],
        "duration_min": 60,
        "duration_max": 75,
        "price_min": 5000,
        "price_max": 7000,
        "modes": ["video"],
    },
    # ------------------------------------------------------------------ psychology
    {
        "slug": "psychologue",
        "category": "psychology",
        "title": {"fr": "Consultation avec un psychologue", "en": "Seeing a psychologist"},
        "summary": {
            "fr": "Un espace d'écoute et de travail avec un professionnel diplômé, pour comprendre ce que vous vivez et trouver des manières d'aller mieux.",
            "en": "A space to be heard and to work with a qualified professional, to understand what you are going through and find ways to feel better.",
        },
        "body": {
            "fr": "<p>Le titre de psychologue est protégé en France : il suppose un master en psychologie et une inscription sur un registre national, dont le numéro figure sur la fiche du praticien. Le psychologue n'est pas médecin et ne prescrit pas de médicaments, mais il est formé à l'évaluation et à l'accompagnement de la souffrance psychique.</p>"
            "<p>Les premières séances servent à faire connaissance, à comprendre ce qui vous amène et à convenir ensemble d'une façon de travailler. Selon sa formation, le psychologue s'appuie sur une approche plutôt centrée sur la parole et l'histoire personnelle, ou plutôt sur des outils concrets entre les séances.</p>"
            "<p>On consulte un psychologue pour des raisons très variées : anxiété, tristesse qui dure, deuil, difficultés relationnelles, épuisement, questions de vie. Il n'est pas nécessaire d'aller « très mal » pour prendre rendez-vous.</p>"
            "<p>La consultation à distance ne convient pas à toutes les situations. En cas d'idées suicidaires ou de danger immédiat, contactez le 3114, le 15 ou le 112. Un suivi par un médecin ou un psychiatre peut aussi être nécessaire en parallèle.</p>",
            "en": "<p>The title of psychologist is protected in France: it requires a master's degree in psychology and registration on a national register, whose number appears on the practitioner's profile. A psychologist is not a doctor and does not prescribe medication, but is trained to assess and support psychological distress.</p>"
            "<p>The first sessions are for getting to know each other, understanding what brings you and agreeing on a way of working. Depending on their training, the psychologist relies on an approach centred more on talking and personal history, or more on practical tools used between sessions.</p>"
            '<p>People see a psychologist for many reasons: anxiety, lasting sadness, grief, relationship difficulties, exhaustion, life questions. You do not need to feel "really bad" to book an appointment.</p>'
            "<p>Remote consultation does not suit every situation. If you have suicidal thoughts or are in immediate danger, call 3114, 15 or 112. Care from a doctor or a psychiatrist may also be needed at the same time.</p>",
        },
        "remote_session": {
            "fr": "<ol><li>Choisissez un endroit où personne ne peut vous entendre : une pièce fermée, voire votre voiture à l'arrêt.</li>"
            "<li>Connectez-vous quelques minutes avant l'heure depuis votre espace Khepri ; le psychologue vous rejoint dans la salle d'attente virtuelle.</li>"
            "<li>La séance se déroule comme au cabinet : vous parlez de ce qui vous occupe, le psychologue écoute, questionne et propose des pistes.</li>"
            "<li>En fin de séance, vous convenez ensemble de la suite et de la date du prochain rendez-vous.</li>"
            "<li>Votre note d'honoraires est disponible dans votre espace dès la fin de la séance.</li></ol>",
            "en": "<ol><li>Pick a place where nobody can overhear you: a closed room, or even your parked car.</li>"
            "<li>Log in from your Khepri account a few minutes early; the psychologist joins you in the virtual waiting room.</li>"
            "<li>The session runs as it would in an office: you talk about what is on your mind, the psychologist listens, asks questions and suggests ways forward.</li>"
            "<li>At the end, you agree together on next steps and the date of the next appointment.</li>"
            "<li>Your fee note is available in your account as soon as the session ends.</li></ol>",
        },
        "concerns": [
            "deprime-depression",
            "anxiete",
            "deuil",
            "phobies",
            "burn-out",
            "addictions",
            "troubles-alimentaires",
            "confiance-en-soi",
            "gestion-des-emotions",
            "stress",
        ],
        "duration_min": 45,
        "duration_max": 50,
        "price_min": 5000,
        "price_max": 8000,
        "modes": ["video", "phone"],
    },
    {
        "slug": "psychologie-positive",
        "category": "psychology",
        "title": {"fr": "Psychologie positive", "en": "Positive psychology"},
        "summary": {
            "fr": "Un accompagnement qui s'intéresse à vos forces, à ce qui vous fait du bien et à ce qui donne du sens, sans nier les difficultés.",
            "en": "Support that looks at your strengths, at what does you good and what gives meaning, without denying the difficulties.",
        },
        "body": {
            "fr": "<p>La psychologie positive est un champ de recherche né à la fin des années 1990, notamment autour de Martin Seligman. Elle étudie ce qui aide les personnes à s'épanouir : les émotions agréables, l'engagement, les relations, le sens et le sentiment d'accomplissement.</p>"
            "<p>En séance, le praticien vous aide à repérer vos forces personnelles et les ressources sur lesquelles vous pouvez compter. Il propose des exercices concrets à tester entre les séances, comme noter chaque soir trois moments appréciés ou utiliser une de vos forces d'une manière nouvelle.</p>"
            "<p>Elle s'adresse aux personnes qui traversent une période de démotivation, qui veulent retrouver de l'élan après une épreuve, ou simplement mieux prendre soin de leur équilibre.</p>"
            "<p>Il ne s'agit pas d'« être positif à tout prix » : les émotions difficiles ont leur place. En cas de dépression, la psychologie positive peut compléter un suivi médical et psychologique, mais ne le remplace pas.</p>",
            "en": "<p>Positive psychology is a field of research that emerged in the late 1990s, notably around Martin Seligman. It studies what helps people flourish: pleasant emotions, engagement, relationships, meaning and a sense of accomplishment.</p>"
            "<p>In sessions, the practitioner helps you identify your personal strengths and the resources you can rely on. They suggest practical exercises to try between sessions, such as writing down three moments you enjoyed each evening, or using one of your strengths in a new way.</p>"
            "<p>It is meant for people going through a period of low motivation, who want to regain momentum after a hardship, or who simply want to take better care of their balance.</p>"
            '<p>It is not about "being positive at all costs": difficult emotions have their place. In case of depression, positive psychology can complement medical and psychological care, but does not replace it.</p>',
        },
        "remote_session": {
            "fr": "<ol><li>Gardez un carnet à portée de main pour noter les exercices proposés.</li>"
            "<li>La séance débute par un retour sur ce que vous avez essayé depuis la dernière fois.</li>"
            "<li>Vous explorez ensuite avec le praticien une situation, une force ou un objectif.</li>"
            "<li>Il peut partager son écran pour vous montrer un questionnaire ou un schéma.</li>"
            "<li>Vous choisissez ensemble un petit exercice pour les jours suivants.</li></ol>",
            "en": "<ol><li>Keep a notebook close by to write down the suggested exercises.</li>"
            "<li>The session opens with a look back at what you tried since last time.</li>"
            "<li>You then explore a situation, a strength or a goal with the practitioner.</li>"
            "<li>They may share their screen to show you a questionnaire or a diagram.</li>"
            "<li>Together you choose a small exercise for the days ahead.</li></ol>",
        },
        "concerns": ["confiance-en-soi", "stress", "burn-out", "gestion-des-emotions"],
        "duration_min": 50,
        "duration_max": 60,
        "price_min": 5000,
        "price_max": 7000,
        "modes": ["video", "phone"],
    },
    {
        "slug": "pnl",
        "category": "psychology",
        "title": {
            "fr": "PNL (programmation neuro-linguistique)",
            "en": "NLP (neuro-linguistic programming)",
        },
        "summary": {
            "fr": "Une approche pratique de la communication et des représentations mentales, utilisée pour modifier des réactions automatiques et atteindre des objectifs.",
            "en": "A practical approach to communication and mental representations, used to change automatic reactions and reach goals.",
        },
        "body": {
            "fr": "<p>La PNL est née aux États-Unis dans les années 1970, à partir de l'observation de thérapeutes et de communicants reconnus. Elle s'intéresse à la façon dont nous nous représentons une situation, par des images, des sons, des sensations ou des mots, et à la manière dont ces représentations influencent nos réactions.</p>"
            "<p>Le praticien vous aide à formuler un objectif clair, puis utilise des techniques variées : changer le point de vue sur un souvenir, s'appuyer sur une expérience réussie, répéter mentalement une situation à venir. Les séances sont souvent peu nombreuses et très orientées vers l'action.</p>"
            "<p>La PNL est surtout utilisée pour la prise de parole, la confiance en soi, des peurs précises ou des changements d'habitude, dans la vie personnelle comme professionnelle.</p>"
            "<p>Ses fondements théoriques sont discutés par la recherche en psychologie. Elle ne convient pas pour traiter seule une souffrance psychique importante, qui relève d'un psychologue ou d'un médecin.</p>",
            "en": "<p>NLP was born in the United States in the 1970s, from observing well-known therapists and communicators. It looks at how we represent a situation to ourselves, through images, sounds, sensations or words, and how these representations shape our reactions.</p>"
            "<p>The practitioner helps you state a clear goal, then uses a range of techniques: changing your viewpoint on a memory, drawing on a past success, mentally rehearsing an upcoming situation. There are often few sessions, and they are very action-oriented.</p>"
            "<p>NLP is mainly used for public speaking, self-confidence, specific fears or changing habits, in personal as well as professional life.</p>"
            "<p>Its theoretical foundations are debated in psychological research. It is not suited to treating significant psychological distress on its own; that calls for a psychologist or a doctor.</p>",
        },
        "remote_session": {
            "fr": "<ol><li>Avant la séance, réfléchissez à une situation précise sur laquelle vous aimeriez avancer.</li>"
            "<li>Le praticien vous aide d'abord à formuler un objectif concret et vérifiable.</li>"
            "<li>Il vous guide ensuite dans un ou deux exercices, parfois les yeux fermés.</li>"
            "<li>Vous faites le point sur ce qui a changé dans votre façon de voir la situation.</li>"
            "<li>Vous repartez avec une mise en pratique à tester dans la vie réelle.</li></ol>",
            "en": "<ol><li>Before the session, think of a specific situation you would like to make progress on.</li>"
            "<li>The practitioner first helps you state a concrete, checkable goal.</li>"
            "<li>They then guide you through one or two exercises, sometimes with your eyes closed.</li>"
            "<li>You take stock of what has changed in the way you see the situation.</li>"
            "<li>You leave with something to try out in real life.</li></ol>",
        },
        "concerns": ["confiance-en-soi", "phobies", "stress", "reconversion-professionnelle"],
        "duration_min": 60,
        "duration_max": 75,
        "price_min": 6000,
        "price_max": 8000,
        "modes": ["video", "phone"],
    },
    {
        "slug": "tcc",
        "category": "psychology",
        "title": {
            "fr": "Thérapies comportementales et cognitives (TCC)",
            "en": "Cognitive behavioural therapy (CBT)",
        },
        "summary": {
            "fr": "Une psychothérapie structurée et concrète qui aide à repérer les pensées et comportements qui entretiennent une difficulté, puis à les faire évoluer.",
            "en": "A structured, hands-on psychotherapy that helps you spot the thoughts and behaviours that keep a difficulty going, then change them.",
        },
        "body": {
            "fr": "<p>Les TCC partent d'un constat simple : nos pensées, nos émotions et nos comportements s'influencent mutuellement. En travaillant sur l'un de ces éléments, on peut desserrer un cercle vicieux, par exemple celui de l'évitement qui entretient la peur.</p>"
            "<p>Le thérapeute commence par une évaluation précise de la difficulté, puis vous propose un programme en un nombre de séances souvent défini à l'avance. Entre les séances, vous réalisez de petits exercices : observer vos pensées, tester une situation redoutée de façon progressive, modifier une habitude de sommeil.</p>"
            "<p>Les TCC font partie des approches les plus étudiées scientifiquement. Elles sont recommandées notamment pour les troubles anxieux, les phobies, les troubles obsessionnels, l'insomnie et certaines formes de dépression.</p>"
            "<p>Elles demandent un engagement actif entre les séances. Dans les situations sévères, elles s'inscrivent dans une prise en charge plus large avec un médecin ; en cas d'urgence, appelez le 3114, le 15 ou le 112.</p>",
            "en": "<p>CBT starts from a simple observation: our thoughts, emotions and behaviours influence one another. By working on one of them, you can loosen a vicious circle, such as the avoidance that keeps fear alive.</p>"
            "<p>The therapist begins with a precise assessment of the difficulty, then offers a programme over a number of sessions often agreed in advance. Between sessions, you carry out small exercises: noticing your thoughts, gradually facing a feared situation, changing a sleep habit.</p>"
            "<p>CBT is among the most scientifically studied approaches. It is recommended in particular for anxiety disorders, phobias, obsessive-compulsive disorders, insomnia and some forms of depression.</p>"
            "<p>It requires active involvement between sessions. In severe situations, it is part of broader care with a doctor; in an emergency, call 3114, 15 or 112.</p>",
        },
        "remote_session": {
            "fr": "<ol><li>Gardez près de vous le carnet ou les fiches d'exercices que le thérapeute vous a transmis.</li>"
            "<li>La séance commence par un point sur les exercices de la semaine et ce qui a été difficile.</li>"
            "<li>Vous choisissez ensemble le thème du jour et travaillez dessus, souvent avec un schéma partagé à l'écran.</li>"
            "<li>Le thérapeute vous aide à préparer l'exercice suivant, à votre mesure.</li>"
            "<li>Les documents utiles sont déposés ensuite dans votre espace Khepri.</li></ol>",
            "en": "<ol><li>Keep the notebook or worksheets your therapist gave you close by.</li>"
            "<li>The session starts with a review of the week's exercises and what was hard.</li>"
            "<li>Together you choose the day's topic and work on it, often with a diagram shared on screen.</li>"
            "<li>The therapist helps you prepare the next exercise at a pace that suits you.</li>"
            "<li>Useful documents are then placed in your Khepri account.</li></ol>",
        },
        "concerns": [
            "anxiete",
            "phobies",
            "deprime-depression",
            "sommeil",
            "addictions",
            "troubles-alimentaires",
            "burn-out",
        ],
        "duration_min": 45,
        "duration_max": 60,
        "price_min": 5500,
        "price_max": 8000,
        "modes": ["video", "phone"],
    },
    {
        "slug": "act",
        "category": "psychology",
        "title": {
            "fr": "Thérapie d'acceptation et d'engagement (ACT)",
            "en": "Acceptance and commitment therapy (ACT)",
        },
        "summary": {
            "fr": "Une approche qui aide à faire de la place aux pensées et émotions difficiles pour consacrer son énergie à ce qui compte vraiment pour soi.",
            "en": "An approach that helps you make room for difficult thoughts and feelings so you can put your energy into what truly matters to you.",
        },
        "body": {
            "fr": "<p>L'ACT fait partie de ce que l'on appelle la troisième vague des thérapies comportementales et cognitives. Plutôt que de chercher à supprimer une émotion ou une pensée pénible, elle propose de changer la relation que l'on entretient avec elle.</p>"
            "<p>Le thérapeute vous aide à clarifier vos valeurs, c'est-à-dire les directions qui comptent pour vous, et à avancer vers elles par des actions concrètes, même en présence d'inconfort. Il utilise des exercices de pleine conscience, des métaphores et des expériences simples à refaire chez soi.</p>"
            "<p>Elle est utilisée pour l'anxiété, la dépression, la douleur chronique, l'épuisement professionnel ou les situations où l'on se sent coincé dans une lutte permanente contre soi-même.</p>"
            "<p>Comme toute psychothérapie, l'ACT ne remplace pas un suivi médical lorsque celui-ci est nécessaire. En cas de détresse aiguë, appelez le 3114 ou le 15.</p>",
            "en": "<p>ACT belongs to what is called the third wave of cognitive behavioural therapies. Rather than trying to get rid of a painful emotion or thought, it suggests changing the relationship you have with it.</p>"
            "<p>The therapist helps you clarify your values, meaning the directions that matter to you, and move towards them through concrete actions, even when discomfort is present. They use mindfulness exercises, metaphors and simple experiments to repeat at home.</p>"
            "<p>It is used for anxiety, depression, chronic pain, burnout or situations where you feel stuck in a constant struggle against yourself.</p>"
            "<p>Like any psychotherapy, ACT does not replace medical care when that is needed. In acute distress, call 3114 or 15.</p>",
        },
        "remote_session": {
            "fr": "<ol><li>Installez-vous dans un lieu calme et confidentiel, avec de quoi écrire.</li>"
            "<li>La séance alterne échanges et courts exercices d'attention guidés par le thérapeute.</li>"
            "<li>Vous travaillez sur une situation concrète de votre quotidien et sur ce qui compte pour vous dans cette situation.</li>"
            "<li>Vous définissez ensemble un petit pas à faire d'ici la prochaine séance.</li>"
            "<li>Le thérapeute peut vous envoyer un enregistrement d'exercice par la messagerie de Khepri.</li></ol>",
            "en": "<ol><li>Settle in a quiet, private place, with something to write with.</li>"
            "<li>The session alternates conversation and short attention exercises guided by the therapist.</li>"
            "<li>You work on a concrete situation from your daily life and on what matters to you in it.</li>"
            "<li>Together you define a small step to take before the next session.</li>"
            "<li>The therapist may send you a recorded exercise through Khepri's messaging.</li></ol>",
        },
        "concerns": [
            "anxiete",
            "douleurs-chroniques",
            "deprime-depression",
            "burn-out",
            "gestion-des-emotions",
            "addictions",
        ],
        "duration_min": 45,
        "duration_max": 60,
        "price_min": 5500,
        "price_max": 8000,
        "modes": ["video", "phone"],
    },
    {
        "slug": "analyse-transactionnelle",
        "category": "psychology",
        "title": {"fr": "Analyse transactionnelle", "en": "Transactional analysis"},
        "summary": {
            "fr": "Une approche qui éclaire nos façons de communiquer et les schémas répétitifs hérités de notre histoire, pour choisir plus librement nos réponses.",
            "en": "An approach that sheds light on how we communicate and on repeating patterns inherited from our history, so we can choose our responses more freely.",
        },
        "body": {
            "fr": "<p>L'analyse transactionnelle a été élaborée par le psychiatre Eric Berne à partir des années 1950. Elle décrit la personnalité à l'aide de trois « états du moi », appelés Parent, Adulte et Enfant, et observe comment ils se manifestent dans nos échanges avec les autres.</p>"
            "<p>Avec le praticien, vous repérez les situations où vous vous sentez pris dans les mêmes scénarios : conflits qui se répètent, difficulté à dire non, sentiment de ne jamais être à la hauteur. Des outils simples, souvent illustrés par des schémas, aident à comprendre ce qui se joue et à essayer d'autres réponses.</p>"
            "<p>Cette approche est appréciée pour les questions de relations, au travail comme en famille, de confiance en soi et de gestion des émotions. Son vocabulaire accessible permet de s'en saisir rapidement.</p>"
            "<p>Selon la formation du praticien, l'analyse transactionnelle est utilisée en psychothérapie ou en accompagnement du développement personnel. Elle ne remplace pas un suivi médical en cas de trouble psychique important.</p>",
            "en": '<p>Transactional analysis was developed by the psychiatrist Eric Berne from the 1950s onwards. It describes personality through three "ego states", called Parent, Adult and Child, and observes how they show up in our exchanges with others.</p>'
            "<p>With the practitioner, you identify situations where you feel caught in the same scripts: recurring conflicts, trouble saying no, a feeling of never being good enough. Simple tools, often illustrated with diagrams, help you understand what is going on and try other responses.</p>"
            "<p>The approach is valued for relationship issues, at work or in the family, for self-confidence and for managing emotions. Its accessible vocabulary makes it quick to grasp.</p>"
            "<p>Depending on the practitioner's training, transactional analysis is used in psychotherapy or in personal development support. It does not replace medical care for a significant mental health condition.</p>",
        },
        "remote_session": {
            "fr": "<ol><li>Vous arrivez avec une situation récente qui vous a marqué, même anodine.</li>"
            "<li>Le praticien vous aide à la décrire précisément : qui a dit quoi, ce que vous avez ressenti.</li>"
            "<li>Il peut dessiner un schéma et le partager à l'écran pour rendre les choses visibles.</li>"
            "<li>Vous cherchez ensemble d'autres façons de réagir la prochaine fois.</li>"
            "<li>La séance se termine par ce que vous retenez et souhaitez observer d'ici la suivante.</li></ol>",
            "en": "<ol><li>You bring a recent situation that stayed with you, even a minor one.</li>"
            "<li>The practitioner helps you describe it precisely: who said what, how you felt.</li>"
            "<li>They may draw a diagram and share it on screen to make things visible.</li>"
            "<li>Together you look for other ways of reacting next time.</li>"
            "<li>The session ends with what you take away and want to observe before the next one.</li></ol>",
        },
        "concerns": ["confiance-en-soi", "gestion-des-emotions", "burn-out"],
        "duration_min": 50,
        "duration_max": 60,
        "price_min": 5500,
        "price_max": 7500,
        "modes": ["video", "phone"],
    },
    {
        "slug": "therapie-systemique",
        "category": "psychology",
        "title": {
            "fr": "Thérapie systémique (couple et famille)",
            "en": "Systemic therapy (couples and families)",
        },
        "summary": {
            "fr": "Une approche qui considère la difficulté d'une personne à travers ses relations, et qui peut réunir le couple ou la famille autour du même écran.",
            "en": "An approach that looks at a person's difficulty through their relationships, and can bring the couple or family together around the same screen.",
        },
        "body": {
            "fr": "<p>La thérapie systémique part de l'idée qu'une difficulté ne se comprend pas seulement à l'intérieur d'une personne, mais aussi dans les relations qui l'entourent : le couple, la famille, parfois l'équipe de travail. Quand l'un des membres va mal, c'est souvent tout l'équilibre du groupe qui est touché.</p>"
            "<p>Le thérapeute reçoit une personne seule, un couple ou plusieurs membres d'une famille. Il aide chacun à exprimer son point de vue, repère les façons de communiquer qui enferment et propose d'en essayer d'autres. Il peut aussi s'intéresser à l'histoire familiale sur plusieurs générations.</p>"
            "<p>On consulte lors de conflits répétés, d'une séparation, de l'arrivée d'un enfant, d'un deuil dans la famille, ou lorsqu'un adolescent traverse une période difficile. Elle est aussi utilisée, en lien avec l'équipe médicale, dans l'accompagnement des troubles alimentaires des jeunes.</p>"
            "<p>La thérapie de couple ou de famille ne convient pas en cas de violences au sein du foyer : la sécurité passe d'abord. Le 3919 écoute les femmes victimes de violences, et le 119 est le numéro de l'enfance en danger.</p>",
            "en": "<p>Systemic therapy starts from the idea that a difficulty cannot be understood only inside one person, but also within the relationships around them: the couple, the family, sometimes the work team. When one member is struggling, the balance of the whole group is often affected.</p>"
            "<p>The therapist sees one person, a couple or several family members. They help each person express their point of view, notice ways of communicating that keep everyone stuck, and suggest trying others. They may also look at the family's history across several generations.</p>"
            "<p>People come during repeated conflicts, a separation, the arrival of a child, a death in the family, or when a teenager is going through a hard time. It is also used, together with the medical team, to support young people with eating disorders.</p>"
            "<p>Couple or family therapy is not suitable when there is violence at home: safety comes first. In France, 3919 is the helpline for women facing violence, and 119 is the number for children in danger.</p>",
        },
        "remote_session": {
            "fr": "<ol><li>Chaque participant peut se connecter depuis son propre appareil, ou vous pouvez vous installer ensemble devant un même écran.</li>"
            "<li>Vérifiez que tout le monde est bien visible et audible avant de commencer.</li>"
            "<li>Le thérapeute veille à ce que chacun ait le temps de parler, sans être interrompu.</li>"
            "<li>Certaines séances peuvent être proposées individuellement, selon ce qui est convenu au départ.</li>"
            "<li>Vous fixez ensemble le rythme des rendez-vous, souvent espacés de deux à trois semaines.</li></ol>",
            "en": "<ol><li>Each participant may log in from their own device, or you may sit together in front of one screen.</li>"
            "<li>Check that everyone can be seen and heard before you start.</li>"
            "<li>The therapist makes sure everyone has time to speak without being interrupted.</li>"
            "<li>Some sessions may be held individually, as agreed at the outset.</li>"
            "<li>Together you set the pace of appointments, often two to three weeks apart.</li></ol>",
        },
        "concerns": ["gestion-des-emotions", "deuil", "troubles-alimentaires", "addictions"],
        "duration_min": 60,
        "duration_max": 90,
        "price_min": 6000,
        "price_max": 9000,
        "modes": ["video"],
    },
    # ------------------------------------------------------------------ nutrition
    {
        "slug": "naturopathie",
        "category": "nutrition",
        "title": {"fr": "Naturopathie", "en": "Naturopathy"},
        "summary": {
            "fr": "Des conseils d'hygiène de vie personnalisés, autour de l'alimentation, du sommeil, de l'activité physique et de la gestion du stress.",
            "en": "Personalised lifestyle advice on food, sleep, physical activity and stress management.",
        },
        "body": {
            "fr": "<p>La naturopathie s'intéresse à l'hygiène de vie dans son ensemble. Elle part de l'idée que de petits ajustements durables dans l'alimentation, le rythme de sommeil, le mouvement et la gestion du stress peuvent soutenir la vitalité au quotidien.</p>"
            "<p>La première consultation est un long bilan : vos habitudes, votre énergie au fil de la journée, votre sommeil, votre digestion, vos contraintes. Le naturopathe vous propose ensuite un programme progressif et réaliste, que vous ajustez ensemble lors des rendez-vous suivants.</p>"
            "<p>Beaucoup de personnes consultent pour une fatigue sans cause médicale identifiée, un sommeil de mauvaise qualité, l'envie de mieux manger ou de traverser plus sereinement une période chargée. Sur Khepri, les séances portent sur les conseils d'hygiène de vie ; les soins énergétiques et les techniques manuelles n'y sont pas proposés.</p>"
            "<p>La naturopathie n'est pas une profession de santé réglementée. Elle ne pose pas de diagnostic et ne doit jamais conduire à arrêter ou modifier un traitement : parlez de vos symptômes à votre médecin avant tout.</p>",
            "en": "<p>Naturopathy looks at lifestyle as a whole. It starts from the idea that small, lasting adjustments to diet, sleep rhythm, movement and stress management can support day-to-day vitality.</p>"
            "<p>The first consultation is a long review: your habits, your energy throughout the day, your sleep, your digestion, your constraints. The naturopath then suggests a gradual, realistic programme, which you adjust together at later appointments.</p>"
            "<p>Many people come for tiredness with no identified medical cause, poor-quality sleep, a wish to eat better, or to get through a busy period more calmly. On Khepri, sessions focus on lifestyle advice; energy work and manual techniques are not offered.</p>"
            "<p>Naturopathy is not a regulated health profession. It does not diagnose and must never lead you to stop or change a treatment: talk to your doctor about your symptoms first.</p>",
        },
        "remote_session": {
            "fr": "<ol><li>Avant le premier rendez-vous, vous pouvez remplir un questionnaire sur vos habitudes ; rien n'est obligatoire.</li>"
            "<li>Le bilan initial dure jusqu'à une heure et demie : prévoyez un moment sans contrainte.</li>"
            "<li>Le naturopathe vous pose des questions et prend des notes, puis vous présente ses premières pistes.</li>"
            "<li>Vous recevez après la séance un programme écrit dans votre espace Khepri.</li>"
            "<li>Les rendez-vous de suivi, plus courts, servent à ajuster ce qui fonctionne ou non.</li></ol>",
            "en": "<ol><li>Before the first appointment, you may fill in a questionnaire about your habits; nothing is compulsory.</li>"
            "<li>The initial review lasts up to an hour and a half: choose a time when you are free of other commitments.</li>"
            "<li>The naturopath asks questions and takes notes, then shares first suggestions.</li>"
            "<li>After the session, you receive a written programme in your Khepri account.</li>"
            "<li>Shorter follow-up appointments are for adjusting what works and what does not.</li></ol>",
        },
        "concerns": ["fatigue", "sommeil", "stress", "equilibre-alimentaire"],
        "duration_min": 60,
        "duration_max": 90,
        "price_min": 6000,
        "price_max": 9000,
        "modes": ["video", "phone"],
    },
    {
        "slug": "nutrition-dietetique",
        "category": "nutrition",
        "title": {"fr": "Nutrition et diététique", "en": "Nutrition and dietetics"},
        "summary": {
            "fr": "Un suivi alimentaire avec un diététicien diplômé, pour manger de façon plus équilibrée et sereine, adaptée à votre santé et à vos goûts.",
            "en": "Dietary support with a qualified dietitian, to eat in a more balanced and relaxed way that suits your health and your tastes.",
        },
        "body": {
            "fr": "<p>Le titre de diététicien est protégé en France et suppose un diplôme spécifique. Le diététicien est un professionnel de santé formé à l'alimentation, dans la vie courante comme dans le cadre de nombreuses maladies, en lien avec le médecin.</p>"
            "<p>La première consultation permet de faire le point sur vos habitudes, vos goûts, votre rythme et votre histoire avec l'alimentation. Le diététicien vous propose ensuite des repères concrets, sans régime strict ni interdits, et vous accompagne dans le temps pour les adapter à votre vie réelle.</p>"
            "<p>On consulte pour rééquilibrer son alimentation, accompagner une maladie chronique comme le diabète, préparer une grossesse, adapter ses repas à une pratique sportive ou apaiser une relation difficile avec la nourriture.</p>"
            "<p>Certaines situations, comme un trouble du comportement alimentaire ou une perte de poids inexpliquée, demandent un suivi médical. Le diététicien travaille alors en complément de votre médecin et, si besoin, d'un psychologue.</p>",
            "en": "<p>The title of dietitian is protected in France and requires a specific diploma. A dietitian is a health professional trained in nutrition, in everyday life as well as for many illnesses, in liaison with the doctor.</p>"
            "<p>The first consultation reviews your habits, tastes, daily rhythm and history with food. The dietitian then offers practical guidelines, with no strict diet or forbidden foods, and supports you over time to adapt them to your real life.</p>"
            "<p>People come to rebalance their diet, manage a chronic condition such as diabetes, prepare for pregnancy, adapt meals to a sport, or ease a difficult relationship with food.</p>"
            "<p>Some situations, such as an eating disorder or unexplained weight loss, require medical follow-up. The dietitian then works alongside your doctor and, if needed, a psychologist.</p>",
        },
        "remote_session": {
            "fr": "<ol><li>Si vous le souhaitez, notez pendant quelques jours ce que vous mangez : cela aide à démarrer, sans jugement.</li>"
            "<li>Pendant la séance, le diététicien vous interroge sur votre quotidien et vos contraintes.</li>"
            "<li>Il peut partager son écran pour montrer des exemples de repas ou des repères de portions.</li>"
            "<li>Vous fixez ensemble un ou deux objectifs atteignables.</li>"
            "<li>Le compte rendu et les fiches pratiques sont déposés dans votre espace après la séance.</li></ol>",
            "en": "<ol><li>If you like, write down what you eat for a few days: it helps to get started, with no judgement.</li>"
            "<li>During the session, the dietitian asks about your daily life and constraints.</li>"
            "<li>They may share their screen to show meal examples or portion guidelines.</li>"
            "<li>Together you set one or two achievable goals.</li>"
            "<li>The summary and practical sheets are placed in your account after the session.</li></ol>",
        },
        "concerns": ["equilibre-alimentaire", "troubles-alimentaires", "fatigue"],
        "duration_min": 45,
        "duration_max": 60,
        "price_min": 4500,
        "price_max": 7000,
        "modes": ["video", "phone"],
    },
    # ------------------------------------------------------------------ plant-care
    {
        "slug": "aromatherapie",
        "category": "plant-care",
        "title": {"fr": "Aromathérapie", "en": "Aromatherapy"},
        "summary": {
            "fr": "Des conseils personnalisés pour utiliser les huiles essentielles avec prudence, en diffusion, en inhalation ou sur la peau.",
            "en": "Personal advice on using essential oils carefully, in a diffuser, by inhalation or on the skin.",
        },
        "body": {
            "fr": "<p>L'aromathérapie utilise les huiles essentielles, des extraits très concentrés de plantes aromatiques. Certaines sont traditionnellement employées pour favoriser la détente, d'autres pour accompagner les petits maux de l'hiver ou soutenir l'énergie.</p>"
            "<p>Le conseiller en aromathérapie fait d'abord le point sur votre situation, votre âge, vos traitements et vos éventuelles allergies. Il vous indique ensuite quelles huiles choisir, sous quelle forme et pendant combien de temps, avec des consignes écrites.</p>"
            "<p>Beaucoup de personnes y font appel pour mieux se détendre le soir, traverser une période de fatigue ou apprendre à utiliser en sécurité les flacons qu'elles ont déjà chez elles.</p>"
            "<p>Les huiles essentielles sont des substances actives. Elles sont déconseillées ou à manier avec grande prudence pendant la grossesse et l'allaitement, chez les jeunes enfants, en cas d'épilepsie ou d'asthme. Elles ne remplacent jamais un traitement ; demandez l'avis de votre médecin ou de votre pharmacien.</p>",
            "en": "<p>Aromatherapy uses essential oils, highly concentrated extracts of aromatic plants. Some are traditionally used to help relaxation, others for minor winter ailments or to support energy.</p>"
            "<p>The aromatherapy adviser first reviews your situation, your age, your treatments and any allergies. They then tell you which oils to choose, in what form and for how long, with written instructions.</p>"
            "<p>Many people come to relax better in the evening, get through a tired period, or learn how to safely use the bottles they already have at home.</p>"
            "<p>Essential oils are active substances. They are not advised, or must be used with great care, during pregnancy and breastfeeding, with young children, and in case of epilepsy or asthma. They never replace a treatment; ask your doctor or pharmacist.</p>",
        },
        "remote_session": {
            "fr": "<ol><li>Préparez la liste de vos traitements en cours et, si vous en avez, les flacons que vous utilisez déjà.</li>"
            "<li>Le conseiller vous interroge sur vos besoins et vos précautions particulières.</li>"
            "<li>Il vous explique les gestes d'utilisation, en vous les montrant à la caméra si besoin.</li>"
            "<li>Vous recevez ensuite une fiche récapitulative avec les dosages et les durées.</li>"
            "<li>Un court rendez-vous de suivi permet de vérifier que tout se passe bien.</li></ol>",
            "en": "<ol><li>Prepare a list of your current treatments and, if you have any, the bottles you already use.</li>"
            "<li>The adviser asks about your needs and any particular precautions.</li>"
            "<li>They explain how to use the oils, showing you on camera if needed.</li>"
            "<li>You then receive a summary sheet with amounts and durations.</li>"
            "<li>A short follow-up appointment checks that everything is going well.</li></ol>",
        },
        "concerns": ["stress", "sommeil", "fatigue"],
        "duration_min": 45,
        "duration_max": 60,
        "price_min": 4500,
        "price_max": 6500,
        "modes": ["video", "phone"],
    },
    {
        "slug": "phytotherapie",
        "category": "plant-care",
        "title": {"fr": "Phytothérapie", "en": "Herbal medicine"},
        "summary": {
            "fr": "Des conseils sur l'usage des plantes en tisane, en gélule ou en extrait, en tenant compte de vos traitements et de votre santé.",
            "en": "Advice on using plants as herbal teas, capsules or extracts, taking your treatments and health into account.",
        },
        "body": {
            "fr": "<p>La phytothérapie est l'usage des plantes pour soutenir le bien-être : tisanes, extraits, gélules, teintures. C'est l'une des pratiques les plus anciennes, et de nombreuses plantes sont bien connues pour leurs usages traditionnels, comme la camomille ou la mélisse pour la détente.</p>"
            "<p>Le conseiller commence par un échange approfondi sur vos habitudes, vos symptômes et surtout vos traitements. Il vous propose ensuite un conseil précis : quelle plante, sous quelle forme, à quel moment de la journée et pendant combien de temps.</p>"
            "<p>Les demandes les plus fréquentes concernent le sommeil, la nervosité, la digestion ou la fatigue passagère. Le conseiller vous aide aussi à y voir clair parmi les nombreux produits vendus librement.</p>"
            "<p>Naturel ne veut pas dire sans risque : certaines plantes, comme le millepertuis, interagissent avec des médicaments courants, dont la pilule contraceptive. Signalez toujours vos traitements et parlez-en à votre médecin ou à votre pharmacien. La phytothérapie ne remplace pas un avis médical.</p>",
            "en": "<p>Herbal medicine is the use of plants to support well-being: herbal teas, extracts, capsules, tinctures. It is one of the oldest practices, and many plants are well known for their traditional uses, such as chamomile or lemon balm for relaxation.</p>"
            "<p>The adviser starts with a thorough conversation about your habits, your symptoms and above all your treatments. They then give precise advice: which plant, in what form, at what time of day and for how long.</p>"
            "<p>The most common requests concern sleep, nervousness, digestion or temporary tiredness. The adviser also helps you make sense of the many products sold over the counter.</p>"
            "<p>Natural does not mean risk-free: some plants, such as St John's wort, interact with common medicines, including the contraceptive pill. Always mention your treatments and talk to your doctor or pharmacist. Herbal medicine does not replace medical advice.</p>",
        },
        "remote_session": {
            "fr": "<ol><li>Ayez à portée de main la liste de vos médicaments et des compléments que vous prenez.</li>"
            "<li>Le conseiller fait le point avec vous sur votre demande et vos antécédents utiles.</li>"
            "<li>Il vous explique ses recommandations et répond à vos questions.</li>"
            "<li>Un récapitulatif écrit est déposé dans votre espace Khepri.</li>"
            "<li>Vous pouvez reprendre rendez-vous après quelques semaines pour faire le bilan.</li></ol>",
            "en": "<ol><li>Keep a list of your medicines and the supplements you take within reach.</li>"
            "<li>The adviser goes over your request and relevant health history with you.</li>"
            "<li>They explain their recommendations and answer your questions.</li>"
            "<li>A written summary is placed in your Khepri account.</li>"
            "<li>You can book again after a few weeks to review how things went.</li></ol>",
        },
        "concerns": ["sommeil", "stress", "fatigue"],
        "duration_min": 45,
        "duration_max": 60,
        "price_min": 4500,
        "price_max": 6500,
        "modes": ["video", "phone"],
    },
    # ------------------------------------------------------------------ coaching
    {
        "slug": "coaching-professionnel",
        "category": "coaching",
        "title": {"fr": "Coaching professionnel", "en": "Professional coaching"},
        "summary": {
            "fr": "Un accompagnement sur un nombre limité de séances pour prendre du recul sur votre travail, clarifier un objectif et avancer concrètement.",
            "en": "Support over a limited number of sessions to step back from your work, clarify a goal and make concrete progress.",
        },
        "body": {
            "fr": "<p>Le coaching professionnel est un accompagnement centré sur une situation de travail et sur un objectif que vous définissez : prendre un nouveau poste, manager une équipe, mieux organiser votre temps, préparer une évolution ou retrouver de l'équilibre.</p>"
            "<p>Le coach ne vous dit pas quoi faire. Par ses questions, ses reformulations et quelques outils, il vous aide à voir la situation autrement, à repérer vos marges de manœuvre et à décider de vos prochaines actions. Un accompagnement compte souvent entre cinq et dix séances.</p>"
            "<p>Il s'adresse aux salariés, aux managers, aux indépendants et aux créateurs d'entreprise. Les séances peuvent être financées par vous-même ou par votre employeur ; dans ce cas, le contenu des échanges reste confidentiel.</p>"
            "<p>Le coaching n'est pas une thérapie. Si vous êtes en souffrance importante au travail ou en arrêt pour épuisement, un suivi médical et psychologique est à privilégier ; le coaching pourra venir ensuite, par exemple pour préparer la reprise.</p>",
            "en": "<p>Professional coaching is support focused on a work situation and on a goal you set: taking on a new role, managing a team, organising your time better, preparing a career move or regaining balance.</p>"
            "<p>The coach does not tell you what to do. Through questions, rephrasing and a few tools, they help you see the situation differently, find your room for manoeuvre and decide on your next actions. Coaching often involves five to ten sessions.</p>"
            "<p>It is meant for employees, managers, freelancers and founders. Sessions may be paid by you or by your employer; in that case, what you discuss remains confidential.</p>"
            "<p>Coaching is not therapy. If you are in serious distress at work or on leave for exhaustion, medical and psychological care should come first; coaching can follow later, for example to prepare your return.</p>",
        },
        "remote_session": {
            "fr": "<ol><li>La première séance sert à définir votre objectif et le cadre de l'accompagnement.</li>"
            "<li>Connectez-vous depuis un endroit où vous pouvez parler librement, de préférence hors de votre bureau.</li>"
            "<li>Chaque séance part de ce qui s'est passé depuis la précédente.</li>"
            "<li>Le coach peut utiliser un tableau partagé à l'écran pour structurer la réflexion.</li>"
            "<li>Vous repartez avec des actions que vous avez choisies vous-même.</li></ol>",
            "en": "<ol><li>The first session defines your goal and the framework of the coaching.</li>"
            "<li>Log in from a place where you can speak freely, preferably away from your office.</li>"
            "<li>Each session starts from what has happened since the last one.</li>"
            "<li>The coach may use a shared on-screen board to structure your thinking.</li>"
            "<li>You leave with actions you have chosen yourself.</li></ol>",
        },
        "concerns": ["reconversion-professionnelle", "burn-out", "confiance-en-soi", "stress"],
        "duration_min": 60,
        "duration_max": 90,
        "price_min": 8000,
        "price_max": 15000,
        "modes": ["video", "phone"],
    },
    {
        "slug": "coaching-personnel",
        "category": "coaching",
        "title": {"fr": "Coaching personnel", "en": "Personal coaching"},
        "summary": {
            "fr": "Un accompagnement pour faire le point sur votre vie personnelle, clarifier vos priorités et mettre en mouvement un projet qui vous tient à cœur.",
            "en": "Support to take stock of your personal life, clarify your priorities and set in motion a project that matters to you.",
        },
        "body": {
            "fr": "<p>Le coaching personnel, parfois appelé coaching de vie, accompagne un changement que vous souhaitez dans votre vie privée : trouver un meilleur équilibre, oser un projet, retrouver confiance après une séparation ou un déménagement, prendre une décision importante.</p>"
            "<p>Le coach vous aide à formuler ce que vous voulez vraiment, à identifier ce qui vous freine et à construire un plan réaliste. Il vous soutient dans la durée, en vous aidant à tirer des enseignements de ce qui marche comme de ce qui coince.</p>"
            "<p>Cette démarche convient aux personnes qui ont envie de bouger sans savoir par où commencer, ou qui ont besoin d'un regard extérieur bienveillant pour tenir un cap.</p>"
            "<p>Le coaching ne traite pas les troubles psychiques. Si une tristesse profonde, de l'anxiété ou des idées noires s'installent, parlez-en à un médecin ou à un psychologue.</p>",
            "en": "<p>Personal coaching, sometimes called life coaching, supports a change you want in your private life: finding better balance, daring to start a project, regaining confidence after a separation or a move, making an important decision.</p>"
            "<p>The coach helps you put into words what you really want, identify what holds you back and build a realistic plan. They support you over time, helping you learn from what works as well as from what gets stuck.</p>"
            "<p>This approach suits people who want to move forward without knowing where to start, or who need a kind outside view to stay on course.</p>"
            "<p>Coaching does not treat mental health conditions. If deep sadness, anxiety or dark thoughts settle in, talk to a doctor or a psychologist.</p>",
        },
        "remote_session": {
            "fr": "<ol><li>Avant la première séance, prenez quelques minutes pour noter ce qui vous amène.</li>"
            "<li>Le coach vous aide à transformer cette envie en objectif clair.</li>"
            "<li>Les séances suivantes alternent bilan, réflexion et choix de nouvelles actions.</li>"
            "<li>La vidéo ou le téléphone conviennent tous deux : choisissez ce qui vous met à l'aise.</li>"
            "<li>Une séance de clôture permet de mesurer le chemin parcouru.</li></ol>",
            "en": "<ol><li>Before the first session, take a few minutes to note down what brings you.</li>"
            "<li>The coach helps you turn that wish into a clear goal.</li>"
            "<li>Later sessions alternate review, reflection and choosing new actions.</li>"
            "<li>Video and phone both work: choose whichever feels comfortable.</li>"
            "<li>A closing session helps you measure how far you have come.</li></ol>",
        },
        "concerns": [
            "confiance-en-soi",
            "gestion-des-emotions",
            "stress",
            "reconversion-professionnelle",
        ],
        "duration_min": 60,
        "duration_max": 75,
        "price_min": 6000,
        "price_max": 10000,
        "modes": ["video", "phone"],
    },
    # ------------------------------------------------------------------ guidance
    {
        "slug": "bilan-de-competences",
        "category": "guidance",
        "title": {"fr": "Bilan de compétences", "en": "Skills assessment (bilan de compétences)"},
        "summary": {
            "fr": "Une démarche en plusieurs séances pour faire le point sur vos compétences, vos envies et vos possibilités, et construire un projet professionnel.",
            "en": "A process over several sessions to review your skills, wishes and options, and build a career plan.",
        },
        "body": {
            "fr": "<p>Le bilan de compétences est encadré par le Code du travail. Il permet à toute personne active d'analyser ses compétences, ses aptitudes et ses motivations afin de définir un projet professionnel et, le cas échéant, un projet de formation.</p>"
            "<p>Il se déroule en trois temps : une phase préliminaire pour préciser vos attentes, une phase d'investigation faite d'entretiens, de questionnaires et d'enquêtes sur les métiers, puis une phase de conclusion avec un document de synthèse qui vous appartient. La durée totale ne dépasse pas vingt-quatre heures, réparties sur plusieurs semaines.</p>"
            "<p>On le réalise souvent à un moment charnière : envie de changer de métier, retour après une longue absence, sentiment de plafonner, besoin de valoriser une expérience. Les résultats sont confidentiels et ne peuvent être communiqués à un tiers, y compris l'employeur, sans votre accord.</p>"
            "<p>Le financement par le compte personnel de formation n'est possible qu'auprès d'organismes certifiés ; chaque praticien précise sur sa fiche s'il peut en bénéficier. Le prix indiqué ici correspond à une séance.</p>",
            "en": "<p>The skills assessment, or <em>bilan de compétences</em>, is governed by the French Labour Code. It allows any working person to analyse their skills, abilities and motivations in order to define a career plan and, where relevant, a training plan.</p>"
            "<p>It unfolds in three stages: a preliminary phase to clarify your expectations, an investigation phase made of interviews, questionnaires and research into occupations, then a concluding phase with a summary document that belongs to you. The total length does not exceed twenty-four hours, spread over several weeks.</p>"
            "<p>It is often done at a turning point: wanting to change jobs, returning after a long absence, feeling stuck, needing to make the most of an experience. The results are confidential and cannot be shared with a third party, including your employer, without your consent.</p>"
            "<p>Funding through the French personal training account (CPF) is only possible with certified providers; each practitioner states on their profile whether this applies. The price shown here is per session.</p>",
        },
        "remote_session": {
            "fr": "<ol><li>Un premier entretien gratuit ou à tarif réduit permet de vérifier que la démarche vous correspond.</li>"
            "<li>Vous convenez ensuite d'un calendrier de séances, souvent toutes les une à deux semaines.</li>"
            "<li>Entre les séances, vous remplissez des questionnaires en ligne et menez des enquêtes auprès de professionnels.</li>"
            "<li>Chaque rendez-vous en vidéo sert à analyser ce que vous avez découvert.</li>"
            "<li>La dernière séance est consacrée à la remise et à la lecture commune de votre synthèse.</li></ol>",
            "en": "<ol><li>A first meeting, free or at a reduced price, checks that the process suits you.</li>"
            "<li>You then agree on a schedule of sessions, often every one or two weeks.</li>"
            "<li>Between sessions, you complete online questionnaires and talk to people working in the fields that interest you.</li>"
            "<li>Each video appointment is used to analyse what you have found out.</li>"
            "<li>The last session is devoted to handing over your summary and reading it together.</li></ol>",
        },
        "concerns": ["reconversion-professionnelle", "burn-out", "confiance-en-soi"],
        "duration_min": 90,
        "duration_max": 120,
        "price_min": 9000,
        "price_max": 15000,
        "modes": ["video"],
    },
    {
        "slug": "orientation-professionnelle",
        "category": "guidance",
        "title": {"fr": "Orientation professionnelle", "en": "Career guidance"},
        "summary": {
            "fr": "Un accompagnement pour explorer les métiers qui vous correspondent, que vous soyez en début de carrière, en questionnement ou en recherche d'emploi.",
            "en": "Support to explore the occupations that suit you, whether you are starting out, questioning your path or looking for work.",
        },
        "body": {
            "fr": "<p>L'orientation professionnelle aide à répondre à une question simple en apparence : quel métier, ou quel environnement de travail, me conviendrait ? Elle s'adresse aux jeunes diplômés comme aux personnes déjà en poste qui s'interrogent.</p>"
            "<p>Le conseiller s'appuie sur des entretiens et sur des questionnaires d'intérêts reconnus. Il vous aide à relier ce que vous aimez faire, ce que vous savez faire et les réalités du marché du travail, puis à identifier quelques pistes à explorer concrètement.</p>"
            "<p>Quelques séances suffisent souvent pour y voir plus clair. Si votre questionnement est plus large ou si vous envisagez une reconversion, un bilan de compétences peut prendre le relais.</p>"
            "<p>L'orientation ne garantit ni un emploi ni une formation. Son rôle est de vous aider à décider en connaissance de cause ; les choix vous appartiennent.</p>",
            "en": "<p>Career guidance helps answer a question that looks simple: which job, or which work environment, would suit me? It is meant for recent graduates as well as people already in work who are asking themselves questions.</p>"
            "<p>The adviser relies on interviews and well-established interest questionnaires. They help you connect what you like doing, what you can do and the realities of the job market, then identify a few options to explore in practice.</p>"
            "<p>A few sessions are often enough to see more clearly. If your questions are broader or you are considering a career change, a skills assessment can take over.</p>"
            "<p>Guidance does not guarantee a job or a place on a course. Its role is to help you make an informed decision; the choices are yours.</p>",
        },
        "remote_session": {
            "fr": "<ol><li>Avant la séance, vous pouvez envoyer votre CV par la messagerie de Khepri.</li>"
            "<li>Le conseiller commence par retracer votre parcours avec vous.</li>"
            "<li>Il vous propose un questionnaire d'intérêts à remplir en ligne, puis vous en discutez ensemble.</li>"
            "<li>Vous repartez avec des métiers à explorer et des personnes à interroger.</li>"
            "<li>Une séance de suivi permet de faire le tri parmi les pistes.</li></ol>",
            "en": "<ol><li>Before the session, you can send your CV through Khepri's messaging.</li>"
            "<li>The adviser starts by going over your path with you.</li>"
            "<li>They suggest an interest questionnaire to complete online, then you discuss it together.</li>"
            "<li>You leave with occupations to explore and people to talk to.</li>"
            "<li>A follow-up session helps you sort through the options.</li></ol>",
        },
        "concerns": ["reconversion-professionnelle", "orientation-etudes"],
        "duration_min": 60,
        "duration_max": 90,
        "price_min": 7000,
        "price_max": 11000,
        "modes": ["video", "phone"],
    },
    {
        "slug": "orientation-scolaire",
        "category": "guidance",
        "title": {"fr": "Orientation scolaire", "en": "Educational guidance"},
        "summary": {
            "fr": "Aider un collégien, un lycéen ou un étudiant à choisir ses options, sa filière ou ses études, en tenant compte de ses goûts et de ses résultats.",
            "en": "Helping a secondary school pupil or a student choose their options, track or studies, taking their interests and results into account.",
        },
        "body": {
            "fr": "<p>Choisir ses spécialités au lycée, formuler ses vœux sur Parcoursup ou se réorienter après une première année difficile : ces étapes peuvent être source de beaucoup de questions, pour les jeunes comme pour leurs parents.</p>"
            "<p>Le conseiller rencontre le jeune, seul puis éventuellement avec ses parents. Il explore avec lui ses centres d'intérêt, sa manière d'apprendre, ses résultats et ses envies, puis l'aide à se renseigner sur les formations et à construire une liste de choix cohérente.</p>"
            "<p>L'accompagnement peut tenir en deux ou trois séances autour d'une échéance, ou s'étaler sur l'année. L'objectif est que le jeune reste l'auteur de ses choix et gagne en assurance pour les défendre.</p>"
            "<p>Pour un mineur, l'accord d'un titulaire de l'autorité parentale est demandé lors de la réservation. Si des difficultés d'apprentissage ou un mal-être important apparaissent, le conseiller pourra suggérer de consulter un professionnel de santé.</p>",
            "en": "<p>Choosing specialist subjects at secondary school, listing choices on Parcoursup (the French higher-education platform) or changing course after a difficult first year: these steps can raise many questions, for young people and their parents alike.</p>"
            "<p>The adviser meets the young person alone, then possibly with their parents. They explore their interests, their way of learning, their results and their wishes, then help them look into courses and build a coherent list of choices.</p>"
            "<p>Support can take two or three sessions around a deadline, or be spread over the year. The aim is for the young person to remain the author of their choices and gain the confidence to stand by them.</p>"
            "<p>For a minor, the consent of a holder of parental authority is requested at booking. If learning difficulties or significant distress come up, the adviser may suggest seeing a health professional.</p>",
        },
        "remote_session": {
            "fr": "<ol><li>Le parent réserve et donne son accord ; le jeune reçoit son propre lien de connexion.</li>"
            "<li>La première partie de la séance se passe avec le jeune seul, pour qu'il puisse s'exprimer librement.</li>"
            "<li>Le conseiller partage son écran pour explorer ensemble des fiches de formation.</li>"
            "<li>Un moment avec le parent peut conclure la séance, si le jeune est d'accord.</li>"
            "<li>Une synthèse des pistes est déposée dans l'espace Khepri de la famille.</li></ol>",
            "en": "<ol><li>The parent books and gives consent; the young person receives their own login link.</li>"
            "<li>The first part of the session takes place with the young person alone, so they can speak freely.</li>"
            "<li>The adviser shares their screen to explore course descriptions together.</li>"
            "<li>A moment with the parent may close the session, if the young person agrees.</li>"
            "<li>A summary of the options is placed in the family's Khepri account.</li></ol>",
        },
        "concerns": ["orientation-etudes", "confiance-en-soi"],
        "duration_min": 60,
        "duration_max": 90,
        "price_min": 6000,
        "price_max": 10000,
        "modes": ["video"],
    },
]
