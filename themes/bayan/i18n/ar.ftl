skip-to-content = انتقل إلى المحتوى
main-navigation = القائمة الرئيسية
menu = القائمة
languages = اللغات
not-translated = غير مترجمة بعد
footer-note = منشورات منظمات المجتمع المدني
made-with-bayan = صُنع بواسطة بيان
table-of-contents = المحتويات
timeline = المسيرة
place = المكان
organisers = الجهات المنظِّمة
participants = المشاركون
dates = التاريخ
venue = القاعة
city = المدينة
highlights = أبرز ما جاء فيه
closing-statement = البيان الختامي
related-statement = البيان المتعلق بهذا التقرير
related-event = الفعالية التي صدر عنها البيان
issued-by = صادر عن
signatories = الموقِّعون
pagination = الصفحات
previous-page = الصفحة السابقة
next-page = الصفحة التالية
page-of = صفحة { $current } من { $total }
# Arabic has six plural categories: zero, one, two, few (3–10), many (11–99), other (100…).
participants-count = { $count ->
    [zero] لا مشاركين
    [one] مشارك واحد
    [two] مشاركان
    [few] { $count } مشاركين
    [many] { $count } مشاركًا
   *[other] { $count } مشارك
}
pages-count = { $count ->
    [zero] لا توجد صفحات
    [one] صفحة واحدة
    [two] صفحتان
    [few] { $count } صفحات
    [many] { $count } صفحةً
   *[other] { $count } صفحة
}
