"""Every write to surveys (ISSUE 10, part 2): building templates (`builder`), running
surveys (`running`) and answering them (`answering`)."""

from mathshubs.evaluation.surveys.services.answering import (
    answers_save,
    response_submit,
)
from mathshubs.evaluation.surveys.services.builder import (
    QuestionSpec,
    question_add,
    question_delete,
    question_move,
    question_update,
    section_add,
    section_delete,
    section_move,
    section_update,
    template_create,
    version_new,
    version_publish,
)
from mathshubs.evaluation.surveys.services.running import survey_create

__all__ = [
    "QuestionSpec",
    "answers_save",
    "question_add",
    "question_delete",
    "question_move",
    "question_update",
    "response_submit",
    "section_add",
    "section_delete",
    "section_move",
    "section_update",
    "survey_create",
    "template_create",
    "version_new",
    "version_publish",
]
