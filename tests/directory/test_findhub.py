"""find_hub: a school name, URN, postcode or local authority -> the serving hub."""

from __future__ import annotations

import pytest

from mathshubs.directory import findhub, names
from mathshubs.directory.findhub import find_hub
from mathshubs.directory.models import AreaConfidence
from mathshubs.directory.names import search_name_for
from tests import factories as f


def school(name: str, **kwargs):
    kwargs.setdefault("search_name", search_name_for(name))
    postcode = kwargs.pop("postcode", "")
    return f.InstitutionFactory(
        name=name, postcode=postcode, postcode_key=postcode.replace(" ", "").upper(), **kwargs
    )


@pytest.fixture
def directory(db):
    city = f.LocalAuthorityFactory(code="201", name="City of London")
    norfolk = f.LocalAuthorityFactory(code="926", name="Norfolk")
    bristol = f.LocalAuthorityFactory(code="801", name="Bristol, City of")
    kingston = f.LocalAuthorityFactory(code="314", name="Kingston upon Thames")
    camden = f.LocalAuthorityFactory(code="202", name="Camden")  # no hub area here
    london = f.HubFactory(name="London Central and West Maths Hub", slug="london")
    angles = f.HubFactory(name="Angles Maths Hub", slug="angles")
    cambridge = f.HubFactory(name="Cambridge Maths Hub", slug="cambridge")
    west = f.HubFactory(name="West Maths Hub", slug="west", area_confidence=AreaConfidence.LOW)
    f.HubAreaFactory(hub=london, local_authority=city)
    f.HubAreaFactory(hub=london, local_authority=kingston)
    f.HubAreaFactory(hub=west, local_authority=bristol)
    f.norfolk_split(norfolk=norfolk, angles=angles, cambridge=cambridge)
    return {
        "aldgate": school(
            "The Aldgate School", urn=100000, postcode="EC3A 5DE", local_authority=city, hub=london
        ),
        "katharine": school(
            "St Katharine's Primary School",
            urn=100001,
            postcode="EC3N 1AB",
            local_authority=city,
            hub=london,
        ),
        "norwich": school(
            "Norwich Riverside Primary Academy",
            urn=141003,
            postcode="NR1 1AB",
            local_authority=norfolk,
            hub=angles,
        ),
        "lynn": school(
            "King's Lynn Sixth Form College",
            urn=130002,
            postcode="PE30 2QB",
            local_authority=norfolk,
            hub=cambridge,
        ),
        "closed": school(
            "Old Mill Junior School",
            urn=121004,
            postcode="NR19 1AA",
            local_authority=norfolk,
            hub=angles,
            is_open=False,
            status="Closed",
        ),
        "independent": school(
            "Hampstead Heath Independent School",
            urn=100050,
            postcode="NW3 1AA",
            local_authority=camden,
            hub=None,
            is_state_funded=False,
        ),
        "hubs": {"london": london, "angles": angles, "cambridge": cambridge, "west": west},
    }


def test_a_urn_finds_that_institutions_hub(directory):
    result = find_hub("100000")

    assert result.kind == "urn"
    [match] = result.matches
    assert match.institution == directory["aldgate"]
    assert match.hub == directory["hubs"]["london"]
    assert match.matched_by == "urn"
    assert result.message == ""


def test_an_unknown_urn_says_so_and_what_to_try(directory):
    result = find_hub("999999")

    assert result.matches == []
    assert result.kind == "none"
    assert result.message == findhub.MSG_URN_NOT_FOUND.format(urn=999999)


def test_a_full_postcode_finds_the_school_there_in_any_case_or_spacing(directory):
    result = find_hub("ec3a5de")

    assert result.kind == "postcode"
    [match] = result.matches
    assert match.institution == directory["aldgate"]
    assert match.hub == directory["hubs"]["london"]
    assert match.note == "Found by the postcode EC3A 5DE."


def test_a_postcode_no_school_has_falls_back_to_its_outward_code(directory):
    result = find_hub("EC3A 9ZZ")

    [match] = result.matches
    assert match.hub == directory["hubs"]["london"]
    assert match.institution is None
    assert "Found by the postcode district EC3A" in match.note


def test_an_outward_code_alone_finds_the_hub_serving_most_schools_there(directory):
    school(
        "Another Aldgate Academy",
        urn=100002,
        postcode="EC3A 7AA",
        local_authority=directory["aldgate"].local_authority,
        hub=directory["hubs"]["angles"],
    )
    school(
        "Third Aldgate Academy",
        urn=100003,
        postcode="EC3A 7AB",
        local_authority=directory["aldgate"].local_authority,
        hub=directory["hubs"]["angles"],
    )

    result = find_hub("EC3A")

    assert [m.hub for m in result.matches] == [
        directory["hubs"]["angles"],
        directory["hubs"]["london"],
    ]
    assert "serves 2 of the 3 schools and colleges there" in result.matches[0].note


def test_an_unknown_outward_code_falls_back_to_the_postcode_district_prefix(directory):
    result = find_hub("EC3V 1AA")

    [match] = result.matches
    assert match.hub == directory["hubs"]["london"]
    assert "Found by the postcode district EC3:" in match.note
    assert "2 of the 2" in match.note  # EC3A and EC3N


def test_a_district_prefix_does_not_count_longer_districts(directory):
    # NR1 must not take in NR19 (the closed school's district).
    school(
        "Cambridge Side School",
        urn=100060,
        postcode="NR19 2BB",
        local_authority=directory["norwich"].local_authority,
        hub=directory["hubs"]["cambridge"],
    )

    result = find_hub("NR1")

    assert [m.hub for m in result.matches] == [directory["hubs"]["angles"]]


def test_a_postcode_in_no_area_says_what_to_try(directory):
    result = find_hub("ZE1 0AA")

    assert result.matches == []
    assert result.message == findhub.MSG_POSTCODE_NOT_FOUND.format(postcode="ZE1 0AA")


def test_a_malformed_postcode_says_so_with_an_example(directory):
    result = find_hub("EC3A 5D")

    assert result.matches == []
    assert result.message == findhub.MSG_MALFORMED_POSTCODE.format(query="EC3A 5D")
    assert "EC3A 5DE" in result.message


@pytest.mark.parametrize("query", ["norfolk", "Norfolk County Council", "926"])
def test_a_split_authority_lists_each_hub_with_its_districts(directory, query):
    result = find_hub(query)

    assert result.kind == "local_authority"
    by_hub = {m.hub.slug: m for m in result.matches}
    assert set(by_hub) == {"angles", "cambridge"}
    assert by_hub["angles"].districts == ["Breckland", "Norwich"]
    assert by_hub["angles"].note == (
        "Norfolk is split between hubs: Angles Maths Hub serves Breckland, Norwich."
    )
    assert by_hub["cambridge"].districts == ["King's Lynn and West Norfolk"]
    assert all(m.local_authority.code == "926" for m in result.matches)


def test_a_whole_authority_names_its_one_hub(directory):
    result = find_hub("City of London")

    [match] = result.matches
    assert match.hub == directory["hubs"]["london"]
    assert match.note == "London Central and West Maths Hub serves all of City of London."


def test_a_gias_style_authority_name_matches_the_everyday_name(directory):
    result = find_hub("Bristol")

    [match] = result.matches
    assert match.local_authority.code == "801"
    assert match.hub == directory["hubs"]["west"]
    assert findhub.NOTE_ILLUSTRATIVE.strip() in match.note


def test_part_of_an_authoritys_name_finds_it(directory):
    result = find_hub("Kingston")

    assert result.kind == "local_authority"
    assert [m.local_authority.code for m in result.matches] == ["314"]


def test_an_authority_with_no_hub_says_how_to_get_help(directory):
    result = find_hub("202")

    [match] = result.matches
    assert match.hub is None
    assert match.note == findhub.NOTE_NO_HUB.format(what="Camden")


def test_an_unknown_authority_code_says_so(directory):
    result = find_hub("999")

    assert result.message == findhub.MSG_LA_CODE_NOT_FOUND.format(code="999")


def test_the_start_of_a_school_name_finds_it(directory):
    result = find_hub("the ald")

    assert result.kind == "name"
    assert [m.institution for m in result.matches] == [directory["aldgate"]]
    assert result.matches[0].hub == directory["hubs"]["london"]


def test_words_inside_a_school_name_find_it_ignoring_punctuation(directory):
    result = find_hub("katharines primary")

    assert [m.institution for m in result.matches] == [directory["katharine"]]


def test_a_typo_finds_the_nearest_school_and_says_it_is_the_nearest(directory):
    result = find_hub("Aldgte School")

    assert result.kind == "name"
    assert result.matches[0].institution == directory["aldgate"]
    assert result.matches[0].hub == directory["hubs"]["london"]
    assert result.matches[0].note == "Nearest match for 'Aldgte School'."
    assert result.matches[0].score >= findhub.FUZZY_SCORE_CUTOFF


def test_the_typo_search_sees_a_school_added_after_its_list_was_cached(directory):
    find_hub("Aldgte School")  # fills the cache
    added = school(
        "Zebra Crossing Academy",
        urn=100070,
        local_authority=directory["aldgate"].local_authority,
        hub=directory["hubs"]["london"],
    )

    result = find_hub("Zebra Crosing Acadamy")

    assert result.matches[0].institution == added


def test_the_name_index_is_reused_between_checks(directory, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(names, "NAME_INDEX_CHECK_SECONDS", 60.0)
    names.forget_name_index()
    first = names.open_institution_names()

    with django_assert_num_queries(0):
        again = names.open_institution_names()

    assert again is first
    assert "the aldgate school" in first.names
    assert "old mill junior school" not in first.names  # closed


def test_name_matches_are_limited_and_open_schools_come_first(directory):
    for n in range(12):
        school(f"Oak Tree School {n:02d}", urn=200000 + n, is_open=n != 0)

    result = find_hub("oak tree", limit=5)

    assert len(result.matches) == 5
    assert all(m.institution.is_open for m in result.matches)


def test_a_closed_school_is_found_and_said_to_be_closed(directory):
    result = find_hub("Old Mill Junior")

    [match] = result.matches
    assert match.institution == directory["closed"]
    assert findhub.NOTE_CLOSED.strip() in match.note


def test_a_school_with_no_hub_is_returned_with_a_note_on_getting_help(directory):
    result = find_hub("100050")

    [match] = result.matches
    assert match.institution == directory["independent"]
    assert match.hub is None
    assert match.note.endswith(
        findhub.NOTE_NO_HUB.format(what="Hampstead Heath Independent School")
    )


@pytest.mark.parametrize("query", ["", "   ", None])
def test_empty_input_says_what_to_enter(directory, query):
    result = find_hub(query)

    assert result.matches == []
    assert result.message == findhub.MSG_EMPTY


def test_unknown_input_gets_a_helpful_message_not_an_error(directory):
    result = find_hub("qwxzvbnm")

    assert result.matches == []
    assert result.kind == "none"
    assert result.message == findhub.MSG_NOTHING_FOUND.format(query="qwxzvbnm")


@pytest.mark.parametrize("query", ["x" * 5000, "%_%", "'; DROP TABLE x; --", "\x00\n\t", "1" * 40])
def test_odd_or_very_long_input_never_raises(directory, query):
    result = find_hub(query)

    assert len(result.query) <= findhub.MAX_QUERY_LENGTH
    assert result.matches or result.message


def test_a_typo_search_takes_a_handful_of_queries(directory, django_assert_max_num_queries):
    find_hub("Aldgte School")
    with django_assert_max_num_queries(8):
        find_hub("Aldgte School")
