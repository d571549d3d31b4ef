"""Frequently asked questions, for people who consult and for practitioners (demo content)."""

T = dict[str, str]

FAQ: list[dict] = [
    # ------------------------------------------------------------------ patients
    {
        "audience": "patients",
        "question": {
            "fr": "Comment se déroule une séance à distance ?",
            "en": "How does a remote session work?",
        },
        "answer": {
            "fr": "<p>Une fois votre rendez-vous confirmé, vous recevez un e-mail de rappel sobre, sans mention de la pratique concernée. Le jour venu :</p>"
            "<ol><li>connectez-vous à votre espace Khepri ; la salle d'attente ouvre 15 minutes avant l'heure ;</li>"
            "<li>cliquez sur « Rejoindre » : la vidéo s'ouvre dans votre navigateur, sans logiciel à installer ;</li>"
            "<li>votre praticien vous rejoint à l'heure prévue et la séance se déroule comme au cabinet ;</li>"
            "<li>à la fin, votre note d'honoraires est disponible dans votre espace.</li></ol>"
            "<p>Si vous avez choisi une séance par téléphone, c'est le praticien qui vous appelle au numéro indiqué dans votre compte.</p>",
            "en": "<p>Once your appointment is confirmed, you receive a plain reminder email that does not mention the practice involved. On the day:</p>"
            "<ol><li>log in to your Khepri account; the waiting room opens 15 minutes before the start time;</li>"
            '<li>click "Join": the video opens in your browser, with nothing to install;</li>'
            "<li>your practitioner joins you at the scheduled time and the session runs as it would in an office;</li>"
            "<li>at the end, your fee note is available in your account.</li></ol>"
            "<p>If you chose a phone session, the practitioner calls you on the number given in your account.</p>",
        },
    },
    {
        "audience": "patients",
        "question": {
            "fr": "De quel matériel ai-je besoin ?",
            "en": "What equipment do I need?",
        },
        "answer": {
            "fr": "<p>Peu de choses suffisent :</p>"
            "<ul><li>un ordinateur, une tablette ou un smartphone récent, avec un navigateur à jour ;</li>"
            "<li>une caméra et un micro, le plus souvent déjà intégrés ;</li>"
            "<li>un casque ou des écouteurs, pour mieux entendre et préserver la confidentialité ;</li>"
            "<li>une connexion internet stable ; le wifi domestique ou la 4G conviennent en général.</li></ul>"
            "<p>Un test de connexion est proposé dans votre espace avant la première séance. Pour une séance par téléphone, un simple téléphone suffit.</p>",
            "en": "<p>Very little is needed:</p>"
            "<ul><li>a recent computer, tablet or smartphone with an up-to-date browser;</li>"
            "<li>a camera and a microphone, usually built in;</li>"
            "<li>headphones or earbuds, to hear better and protect your privacy;</li>"
            "<li>a stable internet connection; home wifi or 4G are usually fine.</li></ul>"
            "<p>A connection test is available in your account before your first session. For a phone session, an ordinary phone is all you need.</p>",
        },
    },
    {
        "audience": "patients",
        "question": {
            "fr": "Mes échanges et mes données restent-ils confidentiels ?",
            "en": "Are my conversations and data kept confidential?",
        },
        "answer": {
            "fr": "<p>Oui. Les séances ne sont jamais enregistrées et la vidéo est chiffrée. Nous ne vous demandons que le strict nécessaire pour réserver : nom, adresse e-mail et téléphone. Le motif de votre consultation ne vous est jamais demandé dans un formulaire ; vous en parlez directement avec votre praticien, si vous le souhaitez.</p>"
            "<p>Les notes que prend un praticien pendant la séance ne sont visibles que par lui. Vous pouvez à tout moment télécharger vos données ou supprimer votre compte depuis votre espace. Les détails figurent dans notre politique de confidentialité.</p>",
            "en": "<p>Yes. Sessions are never recorded and the video is encrypted. We only ask for what is strictly needed to book: your name, email address and phone number. You are never asked for the reason for your consultation in a form; you discuss it directly with your practitioner, if you wish.</p>"
            "<p>Notes a practitioner takes during a session are visible to them alone. You can download your data or delete your account from your account page at any time. The details are in our privacy policy.</p>",
        },
    },
    {
        "audience": "patients",
        "question": {
            "fr": "Comment choisir mon praticien ?",
            "en": "How do I choose a practitioner?",
        },
        "answer": {
            "fr": "<p>Vous pouvez partir de ce qui vous amène, d'une pratique ou de vos contraintes. L'annuaire permet de filtrer par pratique, par préoccupation, par langue parlée, par disponibilité (y compris le soir ou le week-end), par genre et par nom. Chaque fiche présente le parcours, les diplômes, le tarif et la durée des séances.</p>"
            "<p>Si vous hésitez, vous pouvez appeler notre ligne de conseil : une personne de l'équipe vous aide à vous orienter, sans vous demander de détails intimes. Et si le courant ne passe pas, vous êtes libre de changer de praticien à tout moment, y compris en cours de forfait.</p>",
            "en": "<p>You can start from what brings you, from a practice or from your constraints. The directory lets you filter by practice, by concern, by language spoken, by availability (including evenings and weekends), by gender and by name. Each profile shows the practitioner's background, qualifications, price and session length.</p>"
            "<p>If you are unsure, you can call our advice line: a member of the team helps you find your way without asking for intimate details. And if the relationship does not click, you are free to change practitioner at any time, including in the middle of a package.</p>",
        },
    },
    {
        "audience": "patients",
        "question": {
            "fr": "Combien coûte une séance, et puis-je être remboursé ?",
            "en": "How much does a session cost, and can I be reimbursed?",
        },
        "answer": {
            "fr": "<p>Chaque praticien fixe son tarif, affiché clairement sur sa fiche avant toute réservation ; il n'y a aucun frais caché. Le paiement se fait en ligne, par carte, au moment de la réservation, ou en utilisant une séance de votre forfait.</p>"
            "<p>Après chaque séance, une note d'honoraires au nom du praticien est disponible dans votre espace. De nombreuses mutuelles remboursent tout ou partie des séances de psychologues, de diététiciens ou de certaines pratiques comme la sophrologie ou la naturopathie, souvent dans la limite d'un nombre de séances par an. Les conditions dépendent de votre contrat : renseignez-vous auprès de votre mutuelle. Sauf mention contraire sur la fiche du praticien, les séances ne sont pas prises en charge par l'Assurance maladie.</p>",
            "en": "<p>Each practitioner sets their own price, clearly shown on their profile before you book; there are no hidden fees. You pay online by card when you book, or by using a session from your package.</p>"
            "<p>After each session, a fee note in the practitioner's name is available in your account. Many French supplementary health insurers (mutuelles) reimburse all or part of sessions with psychologists, dietitians or some practices such as sophrology or naturopathy, often up to a number of sessions per year. Conditions depend on your policy: check with your insurer. Unless stated otherwise on the practitioner's profile, sessions are not covered by the French national health insurance.</p>",
        },
    },
    {
        "audience": "patients",
        "question": {
            "fr": "Puis-je annuler ou déplacer un rendez-vous ?",
            "en": "Can I cancel or move an appointment?",
        },
        "answer": {
            "fr": "<p>Oui, en quelques clics depuis votre espace :</p>"
            "<ul><li>jusqu'à 24 heures avant la séance, l'annulation ou le report est gratuit ; vous êtes remboursé, ou la séance est recréditée sur votre forfait ;</li>"
            "<li>moins de 24 heures avant, la séance est en principe due, car le praticien a réservé ce temps pour vous ;</li>"
            "<li>votre première annulation tardive n'est toutefois pas facturée : la vie a ses imprévus, et il est parfois difficile de franchir le pas.</li></ul>"
            "<p>Pensez au report : il est souvent plus simple de décaler une séance que de l'annuler.</p>",
            "en": "<p>Yes, in a few clicks from your account:</p>"
            "<ul><li>up to 24 hours before the session, cancelling or rescheduling is free; you are refunded, or the session is credited back to your package;</li>"
            "<li>less than 24 hours before, the session is normally due, because the practitioner has set that time aside for you;</li>"
            "<li>your first late cancellation is not charged, though: life is unpredictable, and taking the step is sometimes hard.</li></ul>"
            "<p>Consider rescheduling: moving a session is often simpler than cancelling it.</p>",
        },
    },
    {
        "audience": "patients",
        "question": {
            "fr": "Que se passe-t-il si la connexion est coupée ?",
            "en": "What happens if the connection drops?",
        },
        "answer": {
            "fr": "<p>Pas d'inquiétude, cela arrive. Rechargez la page ou cliquez de nouveau sur « Rejoindre » : vous retrouvez la même salle. Si la vidéo ne revient pas, votre praticien vous appelle au numéro de téléphone de votre compte pour poursuivre la séance de vive voix.</p>"
            "<p>Si un problème technique empêche de terminer la séance, vous convenez ensemble d'un nouveau créneau pour le temps restant, sans frais supplémentaires.</p>",
            "en": '<p>Do not worry, it happens. Reload the page or click "Join" again: you return to the same room. If the video does not come back, your practitioner calls you on the phone number in your account to continue the session by voice.</p>'
            "<p>If a technical problem prevents the session from being completed, you agree together on a new slot for the remaining time, at no extra cost.</p>",
        },
    },
    {
        "audience": "patients",
        "question": {
            "fr": "Mon enfant mineur peut-il consulter ?",
            "en": "Can my child (under 18) have sessions?",
        },
        "answer": {
            "fr": "<p>Oui, auprès des praticiens qui l'indiquent sur leur fiche. Pour une personne de moins de 18 ans, la réservation est faite depuis le compte d'un parent ou d'un représentant légal, qui donne son accord écrit avant la première séance. Certains praticiens demandent l'accord des deux parents, notamment pour un suivi psychologique.</p>"
            "<p>Le jeune peut avoir son propre lien de connexion. Le praticien peut proposer un moment d'échange avec le parent, tout en préservant un espace de parole confidentiel pour l'enfant ou l'adolescent, sauf si sa sécurité est en jeu.</p>",
            "en": "<p>Yes, with practitioners who say so on their profile. For anyone under 18, the booking is made from the account of a parent or legal guardian, who gives written consent before the first session. Some practitioners ask for both parents' consent, particularly for psychological follow-up.</p>"
            "<p>The young person may have their own login link. The practitioner may offer a moment to talk with the parent, while keeping a confidential space for the child or teenager, unless their safety is at stake.</p>",
        },
    },
    {
        "audience": "patients",
        "question": {
            "fr": "Que faire en cas d'urgence ?",
            "en": "What should I do in an emergency?",
        },
        "answer": {
            "fr": "<p>Khepri n'est pas un service d'urgence et les praticiens ne sont pas joignables en dehors des séances. Si vous êtes en danger, ou si quelqu'un l'est :</p>"
            "<ul><li><strong>3114</strong> : numéro national de prévention du suicide, gratuit, 24 h/24 et 7 j/7 ;</li>"
            "<li><strong>15</strong> : SAMU, pour une urgence médicale ;</li>"
            "<li><strong>112</strong> : numéro d'urgence européen, depuis n'importe quel téléphone ;</li>"
            "<li><strong>114</strong> : urgences par SMS pour les personnes sourdes, malentendantes ou ne pouvant pas parler.</li></ul>"
            "<p>Si vous avez besoin de parler à quelqu'un sans qu'il s'agisse d'une urgence, SOS Amitié est joignable au 09 72 39 40 50.</p>",
            "en": "<p>Khepri is not an emergency service, and practitioners cannot be reached outside sessions. If you or someone else is in danger:</p>"
            "<ul><li><strong>3114</strong>: the French national suicide prevention line, free, 24/7;</li>"
            "<li><strong>15</strong>: SAMU, for a medical emergency;</li>"
            "<li><strong>112</strong>: the European emergency number, from any phone;</li>"
            "<li><strong>114</strong>: emergencies by text message for people who are deaf, hard of hearing or unable to speak.</li></ul>"
            "<p>If you need to talk to someone and it is not an emergency, SOS Amitié can be reached on 09 72 39 40 50.</p>",
        },
    },
    {
        "audience": "patients",
        "question": {
            "fr": "Mon employeur peut-il prendre en charge mes séances ?",
            "en": "Can my employer pay for my sessions?",
        },
        "answer": {
            "fr": "<p>Certaines entreprises offrent à leurs salariés un nombre de séances par an. Si c'est votre cas, vous recevez un code à saisir dans votre espace : les séances concernées sont alors réglées directement par l'entreprise, sans avance de frais.</p>"
            "<p>Votre employeur ne sait ni qui consulte, ni quel praticien ou quelle pratique vous choisissez, ni bien sûr ce qui se dit en séance. Il reçoit uniquement des statistiques globales et anonymes, comme le nombre total de séances utilisées.</p>",
            "en": "<p>Some companies offer their employees a number of sessions per year. If this applies to you, you receive a code to enter in your account: those sessions are then paid directly by the company, with nothing for you to pay upfront.</p>"
            "<p>Your employer does not know who consults, which practitioner or practice you choose, nor of course what is said in sessions. They only receive overall, anonymous statistics, such as the total number of sessions used.</p>",
        },
    },
    {
        "audience": "patients",
        "question": {
            "fr": "Comment fonctionnent les forfaits ?",
            "en": "How do packages work?",
        },
        "answer": {
            "fr": "<p>Un forfait vous permet de régler plusieurs séances à l'avance à un tarif un peu plus doux. Chaque forfait a une durée de validité, indiquée sur la page des tarifs, et vous pouvez suivre dans votre espace le nombre de séances restantes.</p>"
            "<ul><li>Les séances du forfait s'utilisent auprès de n'importe quel praticien ; si sa séance coûte plus que la valeur couverte, seule la différence vous est demandée.</li>"
            "<li>Vous pouvez changer de praticien en cours de forfait.</li>"
            "<li>Vous disposez de 14 jours après l'achat pour changer d'avis, tant qu'aucune séance n'a été utilisée.</li>"
            "<li>Nous vous prévenons par e-mail un mois avant la fin de validité.</li></ul>",
            "en": "<p>A package lets you pay for several sessions in advance at a slightly lower price. Each package has a validity period, shown on the pricing page, and you can track the number of remaining sessions in your account.</p>"
            "<ul><li>Package sessions can be used with any practitioner; if their session costs more than the value covered, you only pay the difference.</li>"
            "<li>You can change practitioner in the middle of a package.</li>"
            "<li>You have 14 days after purchase to change your mind, as long as no session has been used.</li>"
            "<li>We email you one month before the package expires.</li></ul>",
        },
    },
    {
        "audience": "patients",
        "question": {
            "fr": "Mon rendez-vous est-il confirmé tout de suite ?",
            "en": "Is my appointment confirmed straight away?",
        },
        "answer": {
            "fr": "<p>Cela dépend du praticien, et c'est indiqué sur sa fiche. Certains confirment automatiquement : le rendez-vous est réservé dès que vous validez. D'autres préfèrent valider chaque demande, en particulier pour un premier rendez-vous ; ils répondent en général dans les 24 heures.</p>"
            "<p>Si la demande n'est pas acceptée, vous êtes prévenu par e-mail et rien ne vous est facturé.</p>",
            "en": "<p>It depends on the practitioner, and their profile says which. Some confirm automatically: the appointment is booked as soon as you confirm. Others prefer to approve each request, especially for a first appointment; they usually reply within 24 hours.</p>"
            "<p>If the request is not accepted, you are notified by email and nothing is charged.</p>",
        },
    },
    {
        "audience": "patients",
        "question": {
            "fr": "La consultation à distance est-elle aussi efficace qu'en cabinet ?",
            "en": "Is a remote session as effective as one in person?",
        },
        "answer": {
            "fr": "<p>Pour beaucoup d'accompagnements fondés sur la parole, la respiration ou des exercices guidés, de nombreuses personnes trouvent la séance à distance tout aussi utile, avec l'avantage de consulter depuis un lieu familier, sans trajet. La qualité de la relation avec le praticien compte davantage que le support.</p>"
            "<p>La distance ne convient pas à tout : en cas de crise aiguë, de besoin d'examen physique ou si vous ne disposez d'aucun lieu où parler librement, une consultation en personne reste préférable. Votre praticien vous le dira s'il pense que c'est le cas.</p>",
            "en": "<p>For much of the support based on talking, breathing or guided exercises, many people find a remote session just as useful, with the advantage of consulting from a familiar place, without travelling. The quality of the relationship with the practitioner matters more than the medium.</p>"
            "<p>Distance does not suit everything: in an acute crisis, when a physical examination is needed, or if you have nowhere to talk freely, an in-person consultation is still better. Your practitioner will tell you if they think this is the case.</p>",
        },
    },
    # ------------------------------------------------------------------ practitioners
    {
        "audience": "practitioners",
        "question": {
            "fr": "Comment rejoindre Khepri ?",
            "en": "How do I join Khepri?",
        },
        "answer": {
            "fr": "<p>Créez votre compte praticien, puis complétez votre profil : pratiques exercées, présentation, photo, diplômes, langues parlées, fuseau horaire, tarif et durée de séance. Une vidéo de présentation est possible mais facultative.</p>"
            "<p>Votre profil est ensuite vérifié par l'équipe. Dès qu'il est validé, il apparaît dans l'annuaire et vous pouvez recevoir vos premières réservations.</p>",
            "en": "<p>Create your practitioner account, then complete your profile: practices, introduction, photo, qualifications, languages spoken, time zone, price and session length. A short introduction video is welcome but optional.</p>"
            "<p>The team then reviews your profile. Once it is approved, it appears in the directory and you can receive your first bookings.</p>",
        },
    },
    {
        "audience": "practitioners",
        "question": {
            "fr": "Quelles vérifications sont faites avant l'activation de mon profil ?",
            "en": "What checks are made before my profile goes live?",
        },
        "answer": {
            "fr": "<p>Pour la confiance des personnes qui consultent, nous vérifions :</p>"
            "<ul><li>votre identité, avec une pièce d'identité en cours de validité ;</li>"
            "<li>vos diplômes et certifications, pour chaque pratique affichée ;</li>"
            "<li>votre attestation d'assurance de responsabilité civile professionnelle ;</li>"
            "<li>votre numéro SIRET et, pour les professions réglementées comme les psychologues, votre numéro ADELI ou RPPS.</li></ul>"
            "<p>La vérification prend en général quelques jours ouvrés. Un court échange en visio avec l'équipe peut vous être proposé.</p>",
            "en": "<p>So that people who consult can trust the platform, we check:</p>"
            "<ul><li>your identity, with a valid identity document;</li>"
            "<li>your diplomas and certifications, for each practice you list;</li>"
            "<li>your professional liability insurance certificate;</li>"
            "<li>your SIRET business number and, for regulated professions such as psychologists, your ADELI or RPPS number.</li></ul>"
            "<p>Verification usually takes a few working days. A short video call with the team may be offered.</p>",
        },
    },
    {
        "audience": "practitioners",
        "question": {
            "fr": "Combien coûte l'utilisation de Khepri ?",
            "en": "How much does Khepri cost?",
        },
        "answer": {
            "fr": "<p>Il n'y a ni abonnement, ni frais d'inscription. Khepri prélève une commission de 20 % sur le prix de chaque séance réalisée. Elle couvre le paiement en ligne, la visio, les rappels, les notes d'honoraires automatiques et l'accompagnement par l'équipe.</p>"
            "<p>Exemple : pour une séance à 60 €, vous percevez 48 €. Les séances annulées dans les délais ne donnent lieu à aucune commission.</p>",
            "en": "<p>There is no subscription and no sign-up fee. Khepri takes a 20% commission on the price of each completed session. It covers online payment, video, reminders, automatic fee notes and support from the team.</p>"
            "<p>Example: for a €60 session, you receive €48. Sessions cancelled in time carry no commission.</p>",
        },
    },
    {
        "audience": "practitioners",
        "question": {
            "fr": "Quand et comment suis-je payé ?",
            "en": "When and how am I paid?",
        },
        "answer": {
            "fr": "<p>Les virements sont mensuels. Au début de chaque mois, nous versons sur le compte bancaire (IBAN) renseigné dans votre espace le montant des séances réalisées le mois précédent, commission déduite.</p>"
            "<p>Un relevé détaillé accompagne chaque virement : date, durée et montant de chaque séance. Vous n'avez aucune facture à nous envoyer, et les notes d'honoraires destinées à vos patients sont établies automatiquement à votre nom.</p>",
            "en": "<p>Payouts are monthly. At the beginning of each month, we transfer to the bank account (IBAN) entered in your account the amount for sessions completed the previous month, minus the commission.</p>"
            "<p>A detailed statement comes with each transfer: date, length and amount of each session. You have no invoice to send us, and fee notes for your patients are issued automatically in your name.</p>",
        },
    },
    {
        "audience": "practitioners",
        "question": {
            "fr": "Comment définir mes disponibilités ?",
            "en": "How do I set my availability?",
        },
        "answer": {
            "fr": "<p>Vous définissez une semaine type, dans votre propre fuseau horaire : par exemple le lundi de 9 h à 12 h et le jeudi de 18 h à 21 h. Les personnes qui consultent voient ensuite les créneaux dans leur fuseau à elles.</p>"
            "<ul><li>Ajoutez des exceptions pour les congés, une formation ou une journée particulière.</li>"
            "<li>Réglez un temps de pause entre deux séances, un délai minimum avant réservation et l'horizon de réservation.</li>"
            "<li>Si vous bloquez une période où des rendez-vous existent déjà, Khepri vous le signale et prévient les personnes concernées, qui peuvent reprogrammer ou être remboursées.</li></ul>",
            "en": "<p>You define a typical week in your own time zone: for example Monday 9am to 12pm and Thursday 6pm to 9pm. People who consult then see the slots in their own time zone.</p>"
            "<ul><li>Add exceptions for holidays, training or a particular day.</li>"
            "<li>Set a break between two sessions, a minimum notice before booking and how far ahead people can book.</li>"
            "<li>If you block a period where appointments already exist, Khepri tells you and notifies the people concerned, who can reschedule or be refunded.</li></ul>",
        },
    },
    {
        "audience": "practitioners",
        "question": {
            "fr": "Puis-je synchroniser Khepri avec mon agenda habituel ?",
            "en": "Can I sync Khepri with my usual calendar?",
        },
        "answer": {
            "fr": "<p>Oui, dans les deux sens :</p>"
            "<ul><li>Khepri vous fournit une adresse d'agenda privée à ajouter à votre agenda (Google, Apple, Outlook…) : vos rendez-vous y apparaissent avec un intitulé discret, sans nom de pratique ni motif.</li>"
            "<li>Vous pouvez aussi indiquer l'adresse d'un agenda externe pour que vos créneaux occupés ailleurs soient bloqués automatiquement. Khepri ne lit que les plages occupées, jamais le titre, le lieu ou les participants de vos événements.</li></ul>",
            "en": "<p>Yes, both ways:</p>"
            "<ul><li>Khepri gives you a private calendar address to add to your calendar (Google, Apple, Outlook and so on): your appointments appear there under a discreet title, with no practice or reason mentioned.</li>"
            "<li>You can also enter the address of an external calendar so that times you are busy elsewhere are blocked automatically. Khepri only reads busy periods, never the title, location or attendees of your events.</li></ul>",
        },
    },
    {
        "audience": "practitioners",
        "question": {
            "fr": "Dois-je valider chaque réservation ?",
            "en": "Do I have to approve every booking?",
        },
        "answer": {
            "fr": "<p>C'est vous qui choisissez le mode de confirmation :</p>"
            "<ul><li><strong>immédiate</strong> : tout créneau libre peut être réservé directement ;</li>"
            "<li><strong>sur demande</strong> : chaque réservation vous est soumise et vous l'acceptez ou la déclinez. Sans réponse de votre part sous 24 heures, la demande expire et la personne est prévenue, sans être débitée.</li></ul>"
            "<p>Beaucoup de praticiens choisissent la confirmation sur demande pour les premiers rendez-vous. Vous pouvez changer de mode à tout moment.</p>",
            "en": "<p>You choose the confirmation mode:</p>"
            "<ul><li><strong>instant</strong>: any free slot can be booked directly;</li>"
            "<li><strong>on request</strong>: each booking is submitted to you and you accept or decline it. Without a reply from you within 24 hours, the request expires and the person is notified, without being charged.</li></ul>"
            "<p>Many practitioners choose on-request confirmation for first appointments. You can switch modes at any time.</p>",
        },
    },
    {
        "audience": "practitioners",
        "question": {
            "fr": "Qui peut lire mes notes de séance ?",
            "en": "Who can read my session notes?",
        },
        "answer": {
            "fr": "<p>Personne d'autre que vous. Les notes que vous prenez dans la fiche d'un patient ne sont visibles ni par la personne concernée, ni par l'équipe de Khepri, ni par un autre praticien.</p>"
            "<p>Si vous souhaitez partager un document avec votre patient, un compte rendu ou des exercices par exemple, utilisez l'envoi de documents prévu à cet effet : il est distinct de vos notes.</p>",
            "en": "<p>Nobody but you. The notes you take in a patient's record are not visible to that person, to the Khepri team or to any other practitioner.</p>"
            "<p>If you want to share a document with your patient, such as a summary or exercises, use the document-sharing feature designed for that: it is separate from your notes.</p>",
        },
    },
    {
        "audience": "practitioners",
        "question": {
            "fr": "Que faire si une personne semble en danger pendant une séance ?",
            "en": "What should I do if someone seems to be in danger during a session?",
        },
        "answer": {
            "fr": "<p>Prenez le temps d'en parler ouvertement avec elle et de lui donner les ressources adaptées : le 3114 pour la prévention du suicide, le 15 ou le 112 en cas de danger immédiat. Si le danger est imminent, appelez vous-même le 15 en donnant les informations dont vous disposez, et restez si possible en lien avec la personne jusqu'à l'arrivée des secours.</p>"
            "<p>Informez-nous ensuite par la messagerie praticien. Nous vous conseillons aussi d'en parler en supervision ou en intervision, pour ne pas porter seul une situation difficile.</p>",
            "en": "<p>Take the time to talk about it openly with the person and give them the right resources: 3114 for suicide prevention, 15 or 112 in immediate danger. If the danger is imminent, call 15 yourself with whatever information you have, and if possible stay in contact with the person until help arrives.</p>"
            "<p>Then let us know through the practitioner messaging. We also encourage you to bring it to supervision or peer review, so you do not carry a difficult situation alone.</p>",
        },
    },
    {
        "audience": "practitioners",
        "question": {
            "fr": "Puis-je faire une pause ou arrêter ?",
            "en": "Can I take a break or stop?",
        },
        "answer": {
            "fr": "<p>Oui, à tout moment et sans engagement. Vous pouvez indiquer que vous n'acceptez plus de nouveaux patients tout en continuant les suivis en cours, ou mettre votre profil en pause : il disparaît alors de l'annuaire jusqu'à sa réactivation.</p>"
            "<p>Si vous souhaitez partir définitivement, les rendez-vous à venir sont annulés et remboursés, et les personnes que vous suivez sont prévenues avec un message de votre choix.</p>",
            "en": "<p>Yes, at any time and with no commitment. You can indicate that you are not taking new patients while continuing ongoing follow-ups, or pause your profile: it then disappears from the directory until you reactivate it.</p>"
            "<p>If you wish to leave for good, upcoming appointments are cancelled and refunded, and the people you see are notified with a message of your choice.</p>",
        },
    },
]
