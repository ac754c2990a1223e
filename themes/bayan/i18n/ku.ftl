skip-to-content = Here naverokê
main-navigation = Navîgasyona sereke
menu = Menû
languages = Ziman
not-translated = hîn nehatiye wergerandin
footer-note = Weşanên rêxistinên civaka sivîl
made-with-bayan = Bi Beyanê hatiye çêkirin
table-of-contents = Naverok
timeline = Dîrok
place = Cih
organisers = Organîzator
participants = Beşdar
dates = Dîrok
venue = Salon
city = Bajar
highlights = Xalên sereke
closing-statement = Daxuyaniya dawî
related-statement = Daxuyaniya girêdayî vê raporê
related-event = Çalakiya ku ev daxuyanî jê derket
issued-by = Ji aliyê
signatories = Îmzekar
pagination = Rûpel
previous-page = Rûpela berê
next-page = Rûpela din
page-of = Rûpel { $current } ji { $total }
participants-count = { $count ->
    [one] { $n } beşdar
   *[other] { $n } beşdar
}
pages-count = { $count ->
    [one] { $n } rûpel
   *[other] { $n } rûpel
}
updated-on = hat nûkirin
list-separator = {", "}
attachments = Daxistin
date = Dîrok
summary = Kurte
programme = Bername
summary-only-note = Ev rûpel kurteyek e ku ji tiştên li ser daxuyaniyê hatine weşandin hatiye girtin, ne metna wê ya temam e.
kind-about = Derbarê me de
kind-report = Rapor
kind-conference = Konferans
kind-statement = Daxuyanî
size-bytes = { $n } bayt
size-kb = { $n } KB
size-mb = { $n } MB
size-gb = { $n } GB
gallery = Galeriya wêneyan
videos = Vîdeo
photos-count = { $count ->
    [one] { $n } wêne
   *[other] { $n } wêne
}
photo-n-of = Wêne { $n } ji { $total }
previous-photo = Wêneyê berê
next-photo = Wêneyê din
close-photo = Vegere galeriyê
play-video = Vîdeoyê lê bide (ji { $host ->
    [youtube] YouTubeê
    [vimeo] Vimeoyê
   *[other] { $host }
} tê barkirin)
video-on = li ser { $host ->
    [youtube] YouTubeê
    [vimeo] Vimeoyê
   *[other] { $host }
}
download-video = Vîdeoyê daxe
signup-title = Beşdarî lîsteya e-nameyan bibe
signup-intro = Weşan, rapor û daxuyaniyên me yên nû bi e-nameyê.
signup-email = Navnîşana e-nameyê
signup-email-placeholder = name@example.org
signup-name = Nav (ne mecbûrî)
signup-trap = Vê qadê vala bihêle
signup-submit = Abone bibe
signup-consent = Em navnîşana te tenê ji bo şandina van peyaman bi kar tînin, û tu dikarî her gav abonetiyê betal bikî.
signup-privacy = Siyaseta nepeniyê
signup-thanks-title = Spas ji bo abonetiyê
signup-thanks-text = Ji kerema xwe qutiya e-nameya xwe kontrol bike: dibe ku peyamek ji bo pejirandinê bê.
signup-error-title = Abonetî pêk nehat
signup-error-text = Me nekarî vê navnîşanê tomar bikin. Ji kerema xwe kontrol bike ku rast hatiye nivîsîn (wek name@example.org) û dîsa biceribîne.
back-home = Vegere rûpela sereke
not-found-title = Rûpel nehat dîtin
not-found-text = Li vê navnîşanê rûpel tune. Dibe ku hatibe guhastin an navnîşan şaş hatibe nivîsîn. Tu dikarî ji vir dest pê bikî:
scrollable-table = Tablo, ber bi aliyan ve tê gerandin

# Kurtekod: sernavê {% note() %}, û tiştê ku di navbera kesê ku gotin gotiye û çavkaniya wê de tê.
note-title = Têbînî
quote-separator = {", "}
taxonomy-tags = Etîket
taxonomy-categories = Kategorî
taxonomy-topics = Mijar
taxonomy-authors = Nivîskar
terms-count = { $count ->
    [0] Hîn tu têgeh tune ne
    [one] { $n } têgeh
   *[other] { $n } têgeh
}

# Li ser rûpeleke wernegerandî ku bi zimanê xwe yê eslî tê nîşandan ([translations] fallback = true).
untranslated-notice = Ev rûpel hîn bi kurdî tune ye; bi zimanê xwe yê eslî tê nîşandan: { $original ->
        [ar] erebî
        [en] îngilîzî
       *[other] { $name }
    }.
search = Lêgerîn
search-label = Li vê malperê bigere
search-found = { $count ->
    [one] { $n } encam
   *[other] { $n } encam
}
search-none = Tiştek nehat dîtin.
search-failed = Lêgerîn nehat barkirin. Dîsa biceribîne.
search-more = Encamên din
search-browse = Hemû rûpel
search-needs-script = Lêgerîn bi JavaScriptê dixebite, ku geroka te naxebitîne. Hemû rûpelên malperê li jêr in.

# Theme: footer contacts, printing.
contact = Têkilî
print = Çap bike an PDF
latest = Ya herî nû
