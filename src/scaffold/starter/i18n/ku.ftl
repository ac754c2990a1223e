# Nivîsên navrûya malperê bi xwe; ew li şûna peyamên temayê yên bi heman navî tên bikaranîn.
footer-note = Tora Sivîl: rêxistinên civaka sivîl ku ji bo maf û azadiyan bi hev re dixebitin
