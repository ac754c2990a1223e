# The site's own UI strings; they override the theme's messages of the same name.
footer-note = بيان: منشورات منظمات المجتمع المدني بالعربية والإنجليزية والكردية
