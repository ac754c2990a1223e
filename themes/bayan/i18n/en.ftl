skip-to-content = Skip to content
main-navigation = Main navigation
menu = Menu
languages = Languages
not-translated = not translated yet
footer-note = Publications of civil-society organisations
made-with-bayan = Made with Bayan
table-of-contents = Contents
timeline = Timeline
place = Place
organisers = Organisers
participants = Participants
dates = Dates
venue = Venue
city = City
highlights = Highlights
closing-statement = Closing statement
related-statement = The statement related to this report
related-event = The event this statement came from
issued-by = Issued by
signatories = Signatories
pagination = Pages
previous-page = Previous page
next-page = Next page
page-of = Page { $current } of { $total }
participants-count = { $count ->
    [one] { $count } participant
   *[other] { $count } participants
}
pages-count = { $count ->
    [0] No pages yet
    [one] { $count } page
   *[other] { $count } pages
}
