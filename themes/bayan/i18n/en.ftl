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
    [one] { $n } participant
   *[other] { $n } participants
}
pages-count = { $count ->
    [0] No pages yet
    [one] { $n } page
   *[other] { $n } pages
}
updated-on = updated
list-separator = {", "}
attachments = Downloads
date = Date
summary = Summary
programme = Programme
summary-only-note = This page is a summary drawn from what was published about the statement, not its full text.
kind-about = About
kind-report = Report
kind-conference = Conference
kind-statement = Statement
size-bytes = { $n } bytes
size-kb = { $n } KB
size-mb = { $n } MB
size-gb = { $n } GB
gallery = Photo gallery
videos = Videos
photos-count = { $count ->
    [one] { $n } photo
   *[other] { $n } photos
}
photo-n-of = Photo { $n } of { $total }
previous-photo = Previous photo
next-photo = Next photo
close-photo = Back to the gallery
play-video = Play the video (loads from { $host ->
    [youtube] YouTube
    [vimeo] Vimeo
   *[other] { $host }
})
video-on = on { $host ->
    [youtube] YouTube
    [vimeo] Vimeo
   *[other] { $host }
}
download-video = Download the video
signup-title = Join the mailing list
signup-intro = Our new publications, reports and statements, by e-mail.
signup-email = E-mail address
signup-email-placeholder = name@example.org
signup-name = Name (optional)
signup-trap = Leave this field empty
signup-submit = Subscribe
signup-consent = We use your address only to send these messages, and you can unsubscribe at any time.
signup-privacy = Privacy policy
signup-thanks-title = Thank you for subscribing
signup-thanks-text = Please check your inbox: you may receive a message asking you to confirm.
signup-error-title = The subscription did not go through
signup-error-text = We could not register this address. Please check it is written correctly (like name@example.org) and try again.
back-home = Back to the home page
not-found-title = Page not found
not-found-text = There is no page at this address. It may have moved, or the address may be mistyped. You can start from here:
scrollable-table = Table, scrolls sideways

# Shortcodes: the title of {% note() %}, and what stands between who said a quotation and where.
note-title = Note
quote-separator = {", "}
taxonomy-tags = Tags
taxonomy-categories = Categories
taxonomy-topics = Topics
taxonomy-authors = Authors
terms-count = { $count ->
    [0] No terms yet
    [one] { $n } term
   *[other] { $n } terms
}

# On an untranslated page shown in its original language ([translations] fallback = true).
untranslated-notice = This page is not yet available in English; it is shown in its original language, { $original ->
        [ar] Arabic
        [ku] Kurdish
       *[other] { $name }
    }.
search = Search
search-label = Search this site
search-found = { $count ->
    [one] { $n } result
   *[other] { $n } results
}
search-none = Nothing found.
search-failed = The search could not be loaded. Try again.
search-more = More results
search-browse = Every page
search-needs-script = Search runs with JavaScript, which your browser is not running. Every page of the site is listed below.

# Theme: footer contacts, printing.
contact = Contact
print = Print or save as PDF
latest = Latest
