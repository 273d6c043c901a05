"""The words of the demo's collaboration spaces (`demo/collaboration.py`): threads in the
programme's voice for each kind of space, comments, boosts and @mentions, and the names
of the documents. `{ncp}`, `{hub}`, `{activity}`, `{topic}`, `{date}`, `{n}` and `{next}`
are filled in as a post is made."""

from __future__ import annotations

HUB_LEADS_NETWORK = "Maths Hub Leads' network"
PROJECT_MANAGERS_FORUM = "Hub project managers' forum"

TOPICS = [
    "place value",
    "fractions",
    "multiplicative reasoning",
    "ratio and proportion",
    "early number sense",
    "algebraic thinking",
    "times tables",
    "geometric reasoning",
    "structures of calculation",
]
BOOSTS = ["Thanks!", "👍", "Great idea", "Thanks!", "👍", "Agreed", "Useful", "🙌", "+1"]

# (title, body) of a thread.
NCP_THREADS = [
    (
        "Planning the spring sessions",
        "Hello all. I'm starting to plan session {n} of my Work Group. How are you "
        "structuring the gap task between sessions? My schools found the last one a big "
        "ask alongside mocks and parents' evenings.",
    ),
    (
        "Sharing our Research Question",
        'Our group has settled on: "How does using one representation for {topic} '
        'consistently across the school affect how pupils explain their reasoning?"\n\n'
        "Comments welcome before I put it into the HAPPI plan.",
    ),
    (
        "Readiness: how do you judge a school is ready for Development?",
        "Two of my Readiness schools are keen to move on to TfM Development next year, but "
        "one still has no maths lead with time to lead it. How are others using the "
        "readiness criteria from the national workshop?",
    ),
    (
        "National workshop on {date}: travel and who is going",
        "The next national workshop for {ncp} is on {date}. Is anyone travelling from "
        "our side of the country who would like to share a car or meet at the station?",
    ),
    (
        "NCETM materials on {topic}",
        "The NCETM's updated Checkpoints on {topic} made a great starter for our last "
        "session: teachers tried them in class and brought back pupils' answers. Has anyone "
        "used the PD materials videos with participants yet?",
    ),
    (
        "Recruiting schools for next year",
        "Recruitment for next year opens soon. What has worked for you in reaching "
        "schools that have never worked with the hub? Our best so far has been a short "
        "taster at a local headteachers' meeting.",
    ),
    (
        "Lesson study: finding a slot for the research lesson",
        "Our research lesson keeps moving because of cover. Does anyone run theirs as a "
        "twilight with a class kept back, or in the morning with supply funded from the "
        "grant?",
    ),
    (
        "Participant survey reminders",
        "A reminder that the participant survey closes at the end of the month. I've "
        "found a two-minute slot at the end of a session gets far more replies than an email.",
    ),
]
HUB_THREADS = [
    (
        "Hub LLME meeting: {date}",
        "Our next hub LLME community meeting is on {date}, 4pm to 5:30pm online. "
        "Agenda: news from the national workshops, sharing what is working, and planning "
        "recruitment for next year. Please add items below.",
    ),
    (
        "Welcome to our new Work Group Leads",
        "A warm welcome to everyone leading a Work Group for {hub} for the first time "
        "this year. Post your questions here: there is a lot of experience in this space.",
    ),
    (
        "Sharing practice: what worked in your first session?",
        "It would be lovely to hear one thing that went well in your first session. "
        "For us it was starting with pupils' work on {topic} rather than a presentation.",
    ),
    (
        "Secondary TfM: schools interested in Development",
        "We have several secondary departments asking about TfM Development next year. "
        "If you know of others, reply here so we can plan the cohort.",
    ),
    (
        "HAPPI plans due {date}",
        "A reminder that HAPPI plans for this year's activities are due by {date}. Ask "
        "if you would like someone to read yours first.",
    ),
    (
        "Expenses and grant claims before the end of term",
        "Please send your claims for release time and supply cover before the end of "
        "term so the grant can be paid in this quarter.",
    ),
]
ACTIVITY_THREADS = [
    (
        "Session {n}: slides and gap task",
        "Thank you for a great session. The slides are in the documents for this space. "
        "Gap task: try one of the {topic} tasks with a class and bring two or three pieces "
        "of pupils' work to session {next}.",
    ),
    (
        "Before we meet: classroom trial",
        "Before session {next}, please try the small-steps sequence on {topic} with one "
        "class and note where pupils got stuck.",
    ),
    (
        "Release time for session {n}",
        "Can you let me know by Friday whether your school can release you for the "
        "whole morning on {date}? If not we will find another date.",
    ),
    (
        "Our Research Question: a draft",
        'Here is a draft of our question for the year: "What is the effect of daily '
        "short practice on pupils' fluency in {topic}?\" Does it match what you see in "
        "your classes?",
    ),
    (
        "Readiness self-evaluation",
        "Please complete the readiness self-evaluation with your headteacher before we "
        "meet; we will use it to plan support for next year.",
    ),
]
MADE_THREADS = {
    HUB_LEADS_NETWORK: [
        (
            "Annual planning: key dates for the year",
            "The national team has shared the key dates for annual planning. Plans are due "
            "{date}; regional conversations will follow in the weeks after.",
        ),
        (
            "Recruitment to TfM Readiness: how is it going?",
            "Numbers for Readiness look lower than last year in our area. Is anyone else "
            "seeing the same, and what are you trying?",
        ),
        (
            "Strategic Board papers: sharing templates",
            "Would anyone share the template they use for their Strategic Board's termly "
            "report? Ours has grown every year.",
        ),
        (
            "Regional meeting on {date}",
            "A reminder of the regional Maths Hub Leads' meeting on {date}. Items for the "
            "agenda welcome.",
        ),
        (
            "LLME capacity for next year",
            "How are you planning LLME capacity for next year, with several Mastery "
            "Specialists finishing their programme?",
        ),
    ],
    PROJECT_MANAGERS_FORUM: [
        (
            "Grant claims: quarter-end checklist",
            "Sharing the checklist we use before each quarter's grant claims, in case "
            "it helps. Corrections welcome.",
        ),
        (
            "Event booking: managing waiting lists",
            "How do you handle waiting lists for face-to-face sessions when a school "
            "cancels the day before?",
        ),
        (
            "Evaluation data returns",
            "Is everyone else chasing the summer survey completions at the moment? Any "
            "tips for reaching participants who have left their school?",
        ),
        (
            "Venue costs for face-to-face sessions",
            "Our lead school can no longer host for free. What are others paying for a "
            "room for 30 for a day?",
        ),
    ],
}
COMMENTS = [
    "Thanks for sharing this: really useful.",
    "We tried this last term and teachers said it helped them slow down and think in small steps.",
    "Could we pick this up at the next meeting?",
    "I've put our version in the documents for this space.",
    "Same here: two of my schools struggled with release time in January. Splitting the "
    "session into two twilights helped.",
    "Happy to share our gap task if it helps.",
    "Good question. Our Project Lead suggested using the readiness criteria from the "
    "national workshop as a checklist with the headteacher.",
    "I'll be there. Anyone else coming from the North West?",
    "The NCETM PD materials on this are excellent, particularly the classroom videos.",
    "Agreed. It would be good to hear how the secondary groups are finding it too.",
    "Our HAPPI plan is in. Thanks for the nudge!",
    "Has anyone got a good set of pupil voice questions for this?",
    "I can cover that session if you need someone.",
    "Pupils in Year 4 responded really well to the stem sentences.",
    "We're doing the same: I'll share how it went next week.",
    "Count me in.",
    "Brilliant, thank you!",
    "That date clashes with our Year 6 assessments; could we look at the week after?",
    "One of my schools has just joined the Embedding year, so this is timely.",
    "We found it works better when the maths lead and a class teacher come together.",
]
THANKS = ["Thanks {first}, that's really helpful.", "Great, thanks {first}."]
MENTIONS = [
    "{at} could you share the version you used?",
    "{at} you mentioned this at the workshop: any thoughts?",
    "Adding {at}, who ran this last year.",
    "{at} would this work for your schools?",
]

FILES = {
    "community": [
        ("Work Group session outline", ".txt"),
        ("Recruitment tracker", ".csv"),
        ("Meeting notes", ".txt"),
    ],
    "activity": [
        ("Session plan", ".txt"),
        ("Attendance and release time", ".csv"),
    ],
}
TEXTS = {
    "community": "Ground rules for this space",
    "activity": "Our Research Question",
}
