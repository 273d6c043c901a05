"""Common first names and surnames in the UK, for invented demo people.

A fixed list, so a seed always gives the same people (no Faker, no locale data).
"""

FIRST_NAMES = (  # noqa: SIM905 - a word list reads better as text
    "Olivia Amelia Isla Ava Mia Ivy Lily Isabella Rosie Sophia Grace Freya Willow Florence "
    "Emily Ella Poppy Evie Elsie Charlotte Evelyn Sienna Sofia Daisy Phoebe Alice Harper "
    "Matilda Ruby Emilia Sophie Jessica Hannah Chloe Lucy Sarah Laura Rachel Rebecca Helen "
    "Claire Emma Katie Amy Zara Aisha Fatima Maryam Priya Anjali Niamh Siobhan Megan Bethan "
    "Noah Muhammad George Oliver Leo Arthur Oscar Theodore Freddie Henry Archie Jack Alfie "
    "Charlie Thomas Jacob Lucas William Isaac Finley James Joshua Daniel Samuel Benjamin "
    "Harry Edward Joseph Adam Matthew David Michael Andrew Richard Paul Mark Peter Simon "
    "Stephen Christopher Jonathan Ryan Liam Ethan Mohammed Ali Omar Yusuf Arjun Rohan Kwame "
    "Tomasz Jakub Ciaran Owen Rhys Dylan Callum"
).split()

LAST_NAMES = (  # noqa: SIM905 - a word list reads better as text
    "Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson "
    "Thompson Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel "
    "Jackson Wood Turner Martin Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison "
    "Morgan Allen James Scott Phillips Watson Davis Parker Price Bennett Young Griffiths "
    "Mitchell Kelly Cook Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox "
    "Richards Khan Marshall Anderson Simpson Ellis Adams Singh Begum Wilkinson Foster "
    "Chapman Powell Webb Rogers Gray Mason Ali Hunt Hussain Campbell Matthews Owen Palmer "
    "Holmes Mills Barnes Knight Lloyd Butler Russell Barker Fisher Stevens Jenkins Murray "
    "Dixon Harvey Graham Pearson Ahmed Fletcher Walsh Kaur Gibson Howard Andrews Stewart "
    "Elliott Reynolds Saunders Payne Fox Ford Pearce Day Brooks West Lawrence Cole Atkinson "
    "Bradley Spencer Gill Dawson Ball Burton O'Brien Watts Rose Booth Perry Ryan Grant "
    "Wells Armstrong Francis Rees Hayes Hart Hudson Newman Barrett Webster Hunter Gregory "
    "Carr Lowe Page Marsh Riley Dunn Woods Parsons Berry Stone Reid Holland Hawkins Harding "
    "Porter Robertson Newton Oliver Reed Kennedy Williamson Bird Gardner Shah Dean Lane "
    "Cooke Bates Henderson Parry"
).split()
