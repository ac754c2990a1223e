//! Bayan's plain built-in templates, used for the five names Zola also renders without a
//! template (`index.html`, `section.html`, `page.html` and a taxonomy's list and term pages)
//! when neither the site nor its theme has one: the page is written, readable and linked, and
//! the build warns which template to add. Zola writes a placeholder instead; a site moving over
//! with a template missing keeps its content reachable.

/// Where a built-in template's problems are said to come from.
pub const SOURCE: &str = "(Bayan's built-in templates)";

const HEAD: &str = r#"<!doctype html>
<html lang="{{ lang }}" dir="{{ dir }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{% endblock title %}</title></head>
<body><main>
{% block content %}{% endblock content %}
</main></body>
</html>
"#;

const LIST: &str = r#"<ul>{% for p in pages %}<li><a href="{{ p.url }}">{{ p.title }}</a></li>{% endfor %}</ul>
{%- if paginator %}<nav>{% if paginator.previous %}<a rel="prev" href="{{ paginator.previous }}">←</a> {% endif %}{{ paginator.current_index }} / {{ paginator.number_pagers }}{% if paginator.next %} <a rel="next" href="{{ paginator.next }}">→</a>{% endif %}</nav>{% endif %}"#;

/// (name, text) of each built-in template; `__bayan_base.html` is their shared frame.
pub fn templates() -> [(&'static str, String); 6] {
    let section = format!(
        r#"{{% extends "__bayan_base.html" %}}{{% block title %}}{{{{ section.title }}}}{{% endblock title %}}{{% block content %}}<h1>{{{{ section.title }}}}</h1>
{{{{ section.content | safe }}}}
{{% if paginator %}}{{% set pages = paginator.pages %}}{{% else %}}{{% set pages = section.pages %}}{{% endif %}}{LIST}{{% endblock content %}}"#
    );
    let term = format!(
        r#"{{% extends "__bayan_base.html" %}}{{% block title %}}{{{{ term.name }}}}{{% endblock title %}}{{% block content %}}<p><a href="{{{{ taxonomy.url }}}}">{{{{ taxonomy.name }}}}</a></p><h1>{{{{ term.name }}}}</h1>
{{% if paginator %}}{{% set pages = paginator.pages %}}{{% else %}}{{% set pages = term.pages %}}{{% endif %}}{LIST}{{% endblock content %}}"#
    );
    [
        ("__bayan_base.html", HEAD.to_string()),
        ("index.html", section.clone()),
        ("section.html", section),
        (
            "page.html",
            r#"{% extends "__bayan_base.html" %}{% block title %}{{ page.title }}{% endblock title %}{% block content %}<article><h1>{{ page.title }}</h1>
{{ page.content | safe }}</article>{% endblock content %}"#
                .to_string(),
        ),
        (
            "taxonomy_list.html",
            r#"{% extends "__bayan_base.html" %}{% block title %}{{ taxonomy.name }}{% endblock title %}{% block content %}<h1>{{ taxonomy.name }}</h1>
<ul>{% for term in terms %}<li><a href="{{ term.url }}">{{ term.name }}</a> ({{ term.page_count }})</li>{% endfor %}</ul>{% endblock content %}"#
                .to_string(),
        ),
        ("taxonomy_single.html", term),
    ]
}
