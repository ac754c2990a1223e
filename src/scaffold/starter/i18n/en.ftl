# The site's own UI strings; they override the theme's messages of the same name.
footer-note = The Civic Network: civil-society organisations working together for rights and freedoms
