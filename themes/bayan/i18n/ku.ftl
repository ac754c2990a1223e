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
    [one] { $count } beşdar
   *[other] { $count } beşdar
}
pages-count = { $count ->
    [one] { $count } rûpel
   *[other] { $count } rûpel
}
