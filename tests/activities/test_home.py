"""The front page a signed-in person lands on: their hub and this year's activities."""

from tests.conftest import client_for


def home(user) -> str:
    return client_for(user).get("/").content.decode()


def test_a_participant_sees_their_hub_and_the_activity_they_take_part_in(cast):
    html = home(cast.pat)
    assert "Your Maths Hub" in html and "North Test Maths Hub" in html
    table = html.split('id="your-activities"', 1)[1]
    assert "North Mastery Readiness Work Group" in table and "Participant" in table


def test_a_lead_sees_the_activity_they_lead_with_its_number_of_participants(cast):
    table = home(cast.leo).split('id="your-activities"', 1)[1]
    assert "North Mastery Readiness Work Group" in table
    assert "Lead (1 participant)" in table


def test_someone_in_no_activity_is_told_so(cast):
    html = home(cast.sam)
    assert "You are not leading or taking part in any activity in 2023/24" in html


def test_nobody_sees_activities_of_others_on_the_front_page(cast):
    assert "North Mastery Readiness Work Group" not in home(cast.sam)
    assert "North Mastery Readiness Work Group" not in home(None)


def test_the_front_page_takes_a_fixed_number_of_queries(cast, django_assert_max_num_queries):
    client = client_for(cast.leo)
    # 9 for the page, up to 9 for the lead's evaluation timeline (sessions, workshops,
    # attendance, HAPPI sections, ticks, surveys, participants, completions, leads) and
    # 5 for the surveys block: fixed, whatever the number of activities.
    with django_assert_max_num_queries(23):
        client.get("/")


def test_hub_staff_start_from_their_hubs_year(cast):
    links = home(cast.harriet).split('id="hub-year-links"', 1)[1].split("</ul>", 1)[0]
    for href in (
        "/hubs/north/activities/2023-24/",
        "/hubs/north/journey/",
        "/hubs/north/llmes/",
        "/hubs/north/grants/2023-24/",
    ):
        assert f'href="{href}"' in links
    assert 'id="hub-year-links"' not in home(cast.leo)
    assert 'id="hub-year-links"' not in home(cast.pat)


def test_the_activities_on_the_front_page_link_to_their_pages(cast):
    table = home(cast.pat).split('id="your-activities"', 1)[1]
    assert f'href="/activities/{cast.activity.pk}/"' in table
