# The site's own UI strings; they override the theme's messages of the same name.
footer-note = الشبكة المدنية: منظمات مجتمع مدني تعمل معًا من أجل الحقوق والحريات
