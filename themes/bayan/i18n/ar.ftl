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
# للعربية ست فئات للجمع: zero (صفر)، one (واحد)، two (اثنان)، few (٣–١٠)، many (١١–٩٩)، other (١٠٠ فما فوق).
participants-count = { $count ->
    [zero] لا مشاركين
    [one] مشارك واحد
    [two] مشاركان
    [few] { $n } مشاركين
    [many] { $n } مشاركًا
   *[other] { $n } مشارك
}
pages-count = { $count ->
    [zero] لا توجد صفحات
    [one] صفحة واحدة
    [two] صفحتان
    [few] { $n } صفحات
    [many] { $n } صفحةً
   *[other] { $n } صفحة
}
updated-on = حُدِّث في
list-separator = {"، "}
attachments = ملفات للتنزيل
date = التاريخ
summary = ملخص
programme = البرنامج
summary-only-note = هذه الصفحة ملخص مأخوذ مما نُشر عن البيان، وليست نصه الكامل.
kind-about = من نحن
kind-report = تقرير
kind-conference = مؤتمر
kind-statement = بيان
size-bytes = { $n } بايت
size-kb = { $n } ك.ب
size-mb = { $n } م.ب
size-gb = { $n } ج.ب
gallery = معرض الصور
videos = فيديوهات
photos-count = { $count ->
    [zero] لا صور
    [one] صورة واحدة
    [two] صورتان
    [few] { $n } صور
    [many] { $n } صورة
   *[other] { $n } صورة
}
photo-n-of = الصورة { $n } من { $total }
previous-photo = الصورة السابقة
next-photo = الصورة التالية
close-photo = العودة إلى المعرض
play-video = تشغيل الفيديو (يُحمَّل من { $host ->
    [youtube] يوتيوب
    [vimeo] فيميو
   *[other] { $host }
})
video-on = على { $host ->
    [youtube] يوتيوب
    [vimeo] فيميو
   *[other] { $host }
}
download-video = تنزيل الفيديو
signup-title = انضمّوا إلى القائمة البريدية
signup-intro = تصلكم منشوراتنا وتقاريرنا وبياناتنا الجديدة بالبريد الإلكتروني.
signup-email = البريد الإلكتروني
signup-email-placeholder = name@example.org
signup-name = الاسم (اختياري)
signup-trap = اترك هذا الحقل فارغًا
signup-submit = اشترك
signup-consent = نستعمل عنوانكم لإرسال هذه الرسائل فقط، ويمكنكم إلغاء الاشتراك في أي وقت.
signup-privacy = سياسة الخصوصية
signup-thanks-title = شكرًا لاشتراككم
signup-thanks-text = تحقّقوا من بريدكم الإلكتروني: قد تصلكم رسالة لتأكيد الاشتراك.
signup-error-title = تعذّر الاشتراك
signup-error-text = لم نتمكن من تسجيل هذا العنوان. تأكّدوا من كتابته بشكل صحيح (مثل name@example.org) ثم حاولوا مرة أخرى.
back-home = العودة إلى الصفحة الرئيسية
not-found-title = الصفحة غير موجودة
not-found-text = لا توجد صفحة على هذا العنوان. ربما نُقلت أو كُتب العنوان بشكل خاطئ. يمكنكم البدء من هنا:
scrollable-table = جدول، يمكن تمريره أفقيًا

# الرموز القصيرة: عنوان {% note() %}، وما يفصل بين قائل الاقتباس ومصدره.
note-title = ملاحظة
quote-separator = {"، "}
taxonomy-tags = الوسوم
taxonomy-categories = التصنيفات
taxonomy-topics = المواضيع
taxonomy-authors = الكتّاب
terms-count = { $count ->
    [zero] لا توجد مصطلحات بعد
    [one] مصطلح واحد
    [two] مصطلحان
    [few] { $n } مصطلحات
    [many] { $n } مصطلحًا
   *[other] { $n } مصطلح
}

# على صفحة غير مترجمة تُعرض بلغتها الأصلية ([translations] fallback = true).
untranslated-notice = هذه الصفحة غير متوفرة بالعربية بعد، فهي معروضة بلغتها الأصلية: { $original ->
        [en] الإنجليزية
        [ku] الكردية
       *[other] { $name }
    }.
search = بحث
search-label = ابحث في الموقع
search-found = { $count ->
    [zero] لا نتائج
    [one] نتيجة واحدة
    [two] نتيجتان
    [few] { $n } نتائج
    [many] { $n } نتيجةً
   *[other] { $n } نتيجة
}
search-none = لم يُعثر على شيء.
search-failed = تعذّر تحميل البحث. أعد المحاولة.
search-more = مزيد من النتائج
search-browse = كل الصفحات
search-needs-script = يعمل البحث بجافاسكربت، وهي غير مفعّلة في متصفحك. وكل صفحات الموقع مدرجة أدناه.

# Theme: footer contacts, printing.
contact = للتواصل
print = اطبع أو احفظ PDF
latest = الأحدث
