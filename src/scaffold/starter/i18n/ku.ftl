# The site's own UI strings; they override the theme's messages of the same name.
footer-note = Tora Sivîl: rêxistinên civaka sivîl ku ji bo maf û azadiyan bi hev re dixebitin
