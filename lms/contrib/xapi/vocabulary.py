"""The xAPI verbs and activity types used, as ADL publishes them (cmi5 uses the same)."""

ADL = "http://adlnet.gov/expapi"

VERBS = {
    "initialized": f"{ADL}/verbs/initialized",
    "answered": f"{ADL}/verbs/answered",
    "progressed": f"{ADL}/verbs/progressed",
    "commented": f"{ADL}/verbs/commented",
    "completed": f"{ADL}/verbs/completed",
    "passed": f"{ADL}/verbs/passed",
}

# Which verb each kind of progress event becomes.
VERB_OF_KIND = {
    "started": "initialized",
    "answered": "answered",
    "scenario_step": "progressed",
    "reflected": "commented",
    "completed": "completed",
    "workbook_task": "answered",
}

TYPES = {
    "programme": f"{ADL}/activities/course",
    "course": f"{ADL}/activities/course",
    "module": f"{ADL}/activities/module",
    "question": f"{ADL}/activities/cmi.interaction",
    "workbook task": f"{ADL}/activities/performance",
    "scenario": f"{ADL}/activities/simulation",
    "reflection": f"{ADL}/activities/question",
    "project": f"{ADL}/activities/assessment",
}
