footer-note = Beyan: weşanên rêxistinên civaka sivîl bi erebî, îngilîzî û kurdî
