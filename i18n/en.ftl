footer-note = Bayan: publications of civil-society organisations in Arabic, English and Kurdish
