#!/usr/bin/env python3
"""Writes a synthetic trilingual site for benchmarking Bayan, and the same content for Hugo.

    python3 bench/generate.py --pages 1000 --out /tmp/site

writes
  /tmp/site/        the Bayan site: config.toml, content/, themes/bayan/, i18n/
  /tmp/site-hugo/   the same content for Hugo: hugo.toml, content/, layouts/, i18n/, static/
                    (elsewhere with --hugo-out DIR, or not at all with --no-hugo)

N pages per language (ar, the default, en and ku), each ~600 words of Markdown, spread over
ten sections; every page exists in all three languages. The output is deterministic: the
same arguments always write the same bytes. Python 3 standard library only.
"""

import argparse
import datetime
import os
import random
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

LANGS = ["ar", "en", "ku"]
DEFAULT_LANG = "ar"
SEED = 20240605
TARGET_WORDS = 600

LANGUAGES = {
    "ar": {
        "name": "العربية",
        "title": "بيان",
        "description": "منشورات منظمات المجتمع المدني بالعربية والإنجليزية والكردية",
        "locale": "ar-PS",
        "dir": "rtl",
    },
    "en": {
        "name": "English",
        "title": "Bayan",
        "description": "Publications of civil-society organisations in Arabic, English and Kurdish",
        "locale": "en-GB",
        "dir": "ltr",
    },
    "ku": {
        "name": "Kurdî",
        "title": "Beyan",
        "description": "Weşanên rêxistinên civaka sivîl bi erebî, îngilîzî û kurdî",
        "locale": "ku",
        "dir": "ltr",
    },
}

# Ten sections: folder name, and title in each language.
SECTIONS = [
    ("reports", {"ar": "التقارير", "en": "Reports", "ku": "Rapor"}),
    ("statements", {"ar": "البيانات", "en": "Statements", "ku": "Daxuyanî"}),
    ("conferences", {"ar": "المؤتمرات", "en": "Conferences", "ku": "Konferans"}),
    ("news", {"ar": "الأخبار", "en": "News", "ku": "Nûçe"}),
    ("studies", {"ar": "الدراسات", "en": "Studies", "ku": "Lêkolîn"}),
    ("campaigns", {"ar": "الحملات", "en": "Campaigns", "ku": "Kampanya"}),
    ("interviews", {"ar": "المقابلات", "en": "Interviews", "ku": "Hevpeyvîn"}),
    ("press", {"ar": "الصحافة", "en": "Press", "ku": "Çapemenî"}),
    ("projects", {"ar": "المشاريع", "en": "Projects", "ku": "Proje"}),
    ("resources", {"ar": "الموارد", "en": "Resources", "ku": "Çavkanî"}),
]

HOME = {
    "ar": ("بيان", "يجمع هذا الموقع منشورات منظمات من المجتمع المدني تعمل في الدفاع عن الحقوق والحريات وفي المناصرة."),
    "en": ("Bayan", "This site gathers publications of civil-society organisations working to defend rights and freedoms, and in advocacy."),
    "ku": ("Beyan", "Ev malper weşanên rêxistinên civaka sivîl ên ku ji bo parastina maf û azadiyan dixebitin berhev dike."),
}

WORDS = {
    "ar": """المجتمع المدني منظمات حقوق الإنسان الحريات المرأة الأطفال التعليم الدولة الشعب السلام
        العدالة المساواة الديمقراطية الانتخابات الحوار المشاركة التنمية المناصرة التقرير البيان
        المؤتمر الاجتماع التوصيات الحماية اللاجئين النازحين الصحة الخدمات المحلية البلديات الإدارة
        المساءلة الشفافية القانون الدستور المواطنة الهوية الثقافة اللغة التاريخ المستقبل الأمل
        الشباب العمل المشروع الدعم التمويل الشركاء الأمم المتحدة في من على إلى عن مع بين هذا هذه
        التي الذي كما وقد حيث أن لا كل بعد قبل خلال يجب يمكن تعمل يعمل أكد دعا قدم ناقش المشاركون
        الجديدة الكبيرة المهمة الأساسية العامة الوطنية الدولية الإقليمية المستقلة المدنية السياسية
        الاجتماعية الاقتصادية مستمر واضح ضروري جميع سوريا العراق المنطقة المدينة القرية الضحايا
        الذاكرة المصالحة الانتقالية المفاوضات الوساطة الصحفيين الإعلام الرقابة البيئة المياه الزراعة""".split(),
    "en": """civil society organisations human rights freedom women children education state people peace
        justice equality democracy elections dialogue participation development advocacy report
        statement conference meeting recommendations protection refugees displaced health services
        local councils administration accountability transparency law constitution citizenship
        identity culture language history future hope youth work project support funding partners
        united nations the the the of of of and and and to to in in on for with between this these
        that which as has have was were is are must can will should may working called presented
        discussed participants new large important basic public national international regional
        independent political social economic ongoing clear necessary all region city village
        victims memory reconciliation transitional negotiations mediation journalists media
        monitoring environment water agriculture community network network members group""".split(),
    "ku": """civak sivîl rêxistin maf azadî jin zarok perwerde dewlet gel welat aştî pirsgirêk çareserî
        hevkarî raport civîn daxuyanî bajar gund ziman çand dîrok mirov mafên parastin pêşniyar têkilî
        xebat karûbar hikûmet hilbijartin demokrasî wekhevî dadwerî rojname nûçe agahî pêwîst girîng
        nû mezin biçûk baş xweş zêde kêm pir hemû û û û di de ji ji bo li ser bi re ku ev ew jî ne
        heye tune dikin dike kir bû dibe hatiye têne çêkirin pêşxistin naskirin şandin îro sibê berê
        piştî navbera herêm rêveberî şaredarî çalakî şêwr şîrove hêvî pêşeroj erk berpirsiyarî kêşe
        çavdêrî belgekirin binpêkirin êrîş koçber penaber jiyan rewş tenduristî xizmet avahî dengê
        jinên ciwan rêz şahidî têkoşîn hevdîtin""".split(),
}

LINK_WORDS = {"ar": "اقرأ المزيد", "en": "read more", "ku": "bêtir bixwîne"}

START = datetime.date(2012, 1, 1)
DAYS = (datetime.date(2024, 12, 31) - START).days


def toml_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def words(rng, lang, n):
    return rng.choices(WORDS[lang], k=n)


def sentence(rng, lang, lo=8, hi=18, bold=False):
    ws = words(rng, lang, rng.randint(lo, hi))
    if lang != "ar":
        ws[0] = ws[0].capitalize()
    if bold and len(ws) > 5:
        i = rng.randrange(1, len(ws) - 3)
        ws[i] = "**" + ws[i]
        ws[i + 1] = ws[i + 1] + "**"
    end = "." if lang != "ar" or rng.random() < 0.8 else "؟"
    return " ".join(ws) + end


def title_text(rng, lang, lo=3, hi=7):
    ws = words(rng, lang, rng.randint(lo, hi))
    if lang != "ar":
        ws = [w.capitalize() if i == 0 or len(w) > 3 else w for i, w in enumerate(ws)]
    return " ".join(ws)


def paragraph(rng, lang, lo_words, hi_words, links=()):
    """A paragraph of sentences; each entry of `links` is (text, url) placed somewhere in it."""
    want = rng.randint(lo_words, hi_words)
    out, n = [], 0
    while n < want:
        s = sentence(rng, lang, bold=rng.random() < 0.25)
        out.append(s)
        n += len(s.split())
    for text, url in links:
        i = rng.randrange(len(out))
        out[i] = out[i] + " [" + text + "](" + url + ")"
        n += len(text.split())
    return " ".join(out), n


def page_body(rng, lang, internal_url):
    """~600 words: intro, `##` parts with paragraphs, a few `###`, one list, two links."""
    blocks = []
    text, n = paragraph(rng, lang, 50, 70)
    blocks.append(text)
    total = n
    part = 0
    list_done = False
    links = [
        (LINK_WORDS[lang], "https://example.org/" + lang + "/doc/" + str(rng.randrange(10**6))),
        (title_text(rng, lang, 2, 4), internal_url),
    ]
    while total < TARGET_WORDS:
        part += 1
        blocks.append("## " + title_text(rng, lang, 2, 5))
        total += 3
        use_links = [links.pop()] if links and part in (1, 3) else []
        text, n = paragraph(rng, lang, 50, 80, use_links)
        blocks.append(text)
        total += n
        if part == 2 and not list_done:
            items = []
            for _ in range(rng.randint(4, 6)):
                item = " ".join(words(rng, lang, rng.randint(4, 9)))
                items.append("- " + item)
                total += len(item.split())
            blocks.append("\n".join(items))
            list_done = True
        if part % 2 == 1 and total < TARGET_WORDS:
            blocks.append("### " + title_text(rng, lang, 2, 4))
            text, n = paragraph(rng, lang, 40, 70)
            blocks.append(text)
            total += n + 3
    if not list_done:
        blocks.append("\n".join("- " + " ".join(words(rng, lang, 5)) for _ in range(4)))
    for text, url in links:  # short pages still get their links
        blocks.append("[" + text + "](" + url + ")")
    return "\n\n".join(blocks) + "\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def lang_suffix(lang):
    return "" if lang == DEFAULT_LANG else "." + lang


def url_prefix(lang):
    return "/" if lang == DEFAULT_LANG else "/" + lang + "/"


def write_content(content_dirs, n_pages):
    """Writes the same Markdown files into each folder of `content_dirs`."""

    def emit(rel, text):
        for d in content_dirs:
            write(os.path.join(d, rel), text)

    for lang in LANGS:
        title, intro = HOME[lang]
        emit("_index" + lang_suffix(lang) + ".md",
             "+++\ntitle = %s\ndescription = %s\n+++\n%s\n" % (
                 toml_string(title), toml_string(LANGUAGES[lang]["description"]), intro))
    for weight, (folder, titles) in enumerate(SECTIONS, start=1):
        for lang in LANGS:
            rng = random.Random("%d/section/%s/%s" % (SEED, folder, lang))
            emit(os.path.join(folder, "_index" + lang_suffix(lang) + ".md"),
                 "+++\ntitle = %s\ndescription = %s\nweight = %d\nsort_by = \"date\"\npaginate_by = 20\n+++\n%s\n" % (
                     toml_string(titles[lang]), toml_string(sentence(rng, lang)), weight,
                     paragraph(rng, lang, 30, 50)[0]))

    names = []
    for i in range(n_pages):
        folder = SECTIONS[i % len(SECTIONS)][0]
        names.append((folder, "%s-%05d" % (folder.rstrip("s"), i + 1)))
    total_words = 0
    for i, (folder, name) in enumerate(names):
        date_rng = random.Random("%d/date/%d" % (SEED, i))
        date = START + datetime.timedelta(days=date_rng.randrange(DAYS))
        other_folder, other_name = names[date_rng.randrange(n_pages)]
        for lang in LANGS:
            rng = random.Random("%d/page/%d/%s" % (SEED, i, lang))
            internal = "%s%s/%s/" % (url_prefix(lang), other_folder, other_name)
            body = page_body(rng, lang, internal)
            total_words += len(body.split())
            text = "+++\ntitle = %s\ndescription = %s\ndate = %s\n+++\n\n%s" % (
                toml_string(title_text(rng, lang)), toml_string(sentence(rng, lang, 12, 20)),
                date.isoformat(), body)
            emit(os.path.join(folder, name + lang_suffix(lang) + ".md"), text)
    return total_words


def bayan_config():
    out = [
        "# Synthetic benchmark site written by bench/generate.py.",
        "title = %s" % toml_string(LANGUAGES[DEFAULT_LANG]["title"]),
        "description = %s" % toml_string(LANGUAGES[DEFAULT_LANG]["description"]),
        'base_url = "https://bench.example.org"',
        'default_language = "%s"' % DEFAULT_LANG,
        'theme = "bayan"',
        'output_dir = "public"',
    ]
    for lang in LANGS:
        l = LANGUAGES[lang]
        out += ["", "[languages.%s]" % lang, "name = %s" % toml_string(l["name"]),
                "title = %s" % toml_string(l["title"]),
                "description = %s" % toml_string(l["description"]),
                "locale = %s" % toml_string(l["locale"])]
    out += ["", "[extra]", 'organisation = "Bayan benchmark"', ""]
    return "\n".join(out)


def hugo_config(new_pagination):
    out = [
        "# Synthetic benchmark site written by bench/generate.py: the Bayan site's content for Hugo.",
        'baseURL = "https://bench.example.org/"',
        "title = %s" % toml_string(LANGUAGES[DEFAULT_LANG]["title"]),
        'defaultContentLanguage = "%s"' % DEFAULT_LANG,
        "defaultContentLanguageInSubdir = false",
        # Bayan writes page-relative URLs; make Hugo do the same work.
        "relativeURLs = true",
        "disableAliases = true",
        'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]',
        "enableRobotsTXT = false",
    ]
    if not new_pagination:
        out.append("paginate = 20")
    if new_pagination:
        out += ["", "[pagination]", "pagerSize = 20"]
    for weight, lang in enumerate(LANGS, start=1):
        l = LANGUAGES[lang]
        out += ["", "[languages.%s]" % lang, "weight = %d" % weight,
                "languageName = %s" % toml_string(l["name"]),
                "title = %s" % toml_string(l["title"]),
                'languageDirection = "%s"' % l["dir"],
                "[languages.%s.params]" % lang,
                "description = %s" % toml_string(l["description"])]
    out.append("")
    return "\n".join(out)


# Hugo templates doing roughly the work of Bayan's theme (themes/bayan/templates): the same
# head, header with section menu and language switcher, footer, page lists
# and pagination, and the home page listing three pages of each section.
HUGO_LAYOUTS = {
    "_default/baseof.html": """<!doctype html>
<html lang="{{ .Language.Lang }}" dir="{{ .Language.LanguageDirection | default "ltr" }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ block "title" . }}{{ .Site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ .Site.Params.description }}{{ end }}">
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
{{- range .AllTranslations }}
<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{- end }}
</head>
<body>
<a class="skip-link" href="#main">{{ i18n "skip-to-content" }}</a>
{{ partial "header.html" . }}
<main id="main" tabindex="-1">
{{ block "main" . }}{{ end }}
</main>
{{ partial "footer.html" . }}
</body>
</html>
""",
    "_default/single.html": """{{ define "title" }}{{ .Title }} · {{ .Site.Title }}{{ end }}
{{ define "main" }}
<article>
  <h1>{{ .Title }}</h1>
  {{- if not .Date.IsZero }}
  <p class="page-meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time></p>
  {{- end }}
  {{ .Content }}
</article>
{{ end }}
""",
    "_default/list.html": """{{ define "title" }}{{ .Title }} · {{ .Site.Title }}{{ end }}
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<p class="count">{{ i18n "pages-count" (dict "Count" (len .Pages)) }}</p>
{{- $pager := .Paginator }}
{{ partial "page-list.html" $pager.Pages }}
{{- if gt $pager.TotalPages 1 }}
<nav class="pagination" aria-label="{{ i18n "pagination" }}">
  {{- if $pager.HasPrev }}<a rel="prev" href="{{ $pager.Prev.URL }}">{{ i18n "previous-page" }}</a>{{ end }}
  <span>{{ i18n "page-of" (dict "current" $pager.PageNumber "total" $pager.TotalPages) }}</span>
  {{- if $pager.HasNext }}<a rel="next" href="{{ $pager.Next.URL }}">{{ i18n "next-page" }}</a>{{ end }}
</nav>
{{- end }}
{{ end }}
""",
    "index.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
<div class="intro">{{ .Content }}</div>
{{- range $i, $s := .Sections }}
<section class="home-section" aria-labelledby="home-{{ add $i 1 }}">
  <h2 id="home-{{ add $i 1 }}"><a href="{{ $s.RelPermalink }}">{{ $s.Title }}</a></h2>
  {{ partial "page-list.html" (first 3 $s.Pages) }}
</section>
{{- end }}
{{ end }}
""",
    "partials/header.html": """{{- $current := . }}
<header class="site-header">
  <a class="site-title" href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
  <nav class="site-nav" aria-label="{{ i18n "main-navigation" }}">
    <details>
      <summary>{{ i18n "menu" }}</summary>
      <ul>
        {{- range .Site.Home.Sections }}
        <li><a href="{{ .RelPermalink }}"{{ if hasPrefix $current.RelPermalink .RelPermalink }} aria-current="page"{{ end }}>{{ .Title }}</a></li>
        {{- end }}
      </ul>
    </details>
  </nav>
  {{ partial "language-switcher.html" . }}
</header>
""",
    "partials/language-switcher.html": """{{- $page := . }}
<nav class="language-switcher" aria-label="{{ i18n "languages" }}">
  <ul>
    {{- range .Site.Languages }}
    {{- $lang := . }}
    <li>
      {{- if eq $lang.Lang $page.Language.Lang }}
      <span class="current" lang="{{ $lang.Lang }}" dir="{{ $lang.LanguageDirection }}" aria-current="true">{{ $lang.LanguageName }}</span>
      {{- else }}
      {{- $found := false }}
      {{- range $page.Translations }}{{ if eq .Language.Lang $lang.Lang }}{{ $found = true }}
      <a href="{{ .RelPermalink }}" hreflang="{{ $lang.Lang }}" lang="{{ $lang.Lang }}" dir="{{ $lang.LanguageDirection }}">{{ $lang.LanguageName }}</a>
      {{- end }}{{ end }}
      {{- if not $found }}
      <span class="unavailable" lang="{{ $lang.Lang }}" dir="{{ $lang.LanguageDirection }}">{{ $lang.LanguageName }}</span><span class="visually-hidden"> ({{ i18n "not-translated" }})</span>
      {{- end }}
      {{- end }}
    </li>
    {{- end }}
  </ul>
</nav>
""",
    "partials/page-list.html": """<ul class="page-list">
  {{- range . }}
  <li>
    <a href="{{ .RelPermalink }}">{{ .Title }}</a>
    {{- if not .Date.IsZero }} <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time>{{ end }}
    {{- with .Description }}<p>{{ . }}</p>{{ end }}
  </li>
  {{- end }}
</ul>
""",
    "partials/footer.html": """<footer class="site-footer">
  <p>{{ i18n "footer-note" }}</p>
  <p class="generator">{{ i18n "made-with-bayan" }}</p>
</footer>
""",
}


def read_ftl(path):
    """Fluent messages of a .ftl file: {id: text} or {id: {category: text}} for selectors."""
    messages = {}
    if not os.path.isfile(path):
        return messages
    current = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            m = re.match(r"^([A-Za-z][\w-]*)\s*=\s*(.*)$", line)
            if m:
                key, value = m.groups()
                if value.strip().endswith("->"):
                    current = messages[key] = {}
                else:
                    messages[key] = value.strip()
                    current = None
                continue
            m = re.match(r"^\s*\*?\[(\w+)\]\s*(.*)$", line)
            if m and current is not None:
                category, text = m.groups()
                current[category] = text.strip()
    return messages


def fluent_to_go(text):
    text = text.replace("{ $count }", "{{ .Count }}")
    return re.sub(r"\{ \$(\w+) \}", r"{{ .\1 }}", text)


def hugo_i18n(lang):
    """The theme's Fluent strings, with the site's overrides, as a Hugo i18n TOML file."""
    messages = read_ftl(os.path.join(REPO, "themes", "bayan", "i18n", lang + ".ftl"))
    messages.update(read_ftl(os.path.join(REPO, "i18n", lang + ".ftl")))
    out = []
    for key, value in messages.items():
        out.append("[%s]" % toml_string(key))
        if isinstance(value, dict):
            for category in ("zero", "one", "two", "few", "many", "other"):
                if category in value:
                    out.append("%s = %s" % (category, toml_string(fluent_to_go(value[category]))))
        else:
            out.append("other = %s" % toml_string(fluent_to_go(value)))
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, required=True, help="pages per language")
    parser.add_argument("--out", required=True, help="folder for the Bayan site (created; must be empty or absent)")
    parser.add_argument("--hugo-out", help="folder for the Hugo site (default: OUT-hugo)")
    parser.add_argument("--no-hugo", action="store_true", help="write only the Bayan site")
    parser.add_argument("--hugo-pagination", choices=["paginate", "pagination"], default="paginate",
                        help="Hugo config key for pager size: `paginate = 20` (Hugo < 0.128, the default) "
                             "or `[pagination] pagerSize = 20` (Hugo >= 0.128)")
    args = parser.parse_args()
    if args.pages < 1:
        parser.error("--pages must be at least 1")
    out = os.path.abspath(args.out)
    hugo_out = None if args.no_hugo else os.path.abspath(args.hugo_out or out.rstrip("/") + "-hugo")
    for d in [out, hugo_out]:
        if d and os.path.exists(d) and os.listdir(d):
            sys.exit("generate.py: %s exists and is not empty; remove it first" % d)

    content_dirs = [os.path.join(out, "content")]
    if hugo_out:
        content_dirs.append(os.path.join(hugo_out, "content"))
    total_words = write_content(content_dirs, args.pages)

    write(os.path.join(out, "config.toml"), bayan_config())
    shutil.copytree(os.path.join(REPO, "themes", "bayan"), os.path.join(out, "themes", "bayan"))
    if os.path.isdir(os.path.join(REPO, "i18n")):
        shutil.copytree(os.path.join(REPO, "i18n"), os.path.join(out, "i18n"))

    if hugo_out:
        write(os.path.join(hugo_out, "hugo.toml"), hugo_config(args.hugo_pagination == "pagination"))
        for rel, text in HUGO_LAYOUTS.items():
            write(os.path.join(hugo_out, "layouts", rel), text)
        for lang in LANGS:
            write(os.path.join(hugo_out, "i18n", lang + ".toml"), hugo_i18n(lang))
        css = os.path.join(REPO, "themes", "bayan", "static", "style.css")
        if os.path.isfile(css):
            os.makedirs(os.path.join(hugo_out, "static"), exist_ok=True)
            shutil.copy(css, os.path.join(hugo_out, "static", "style.css"))

    files = args.pages * len(LANGS)
    print("generate.py: %d pages (%d per language x %d), %d sections, ~%d words per page -> %s%s" % (
        files, args.pages, len(LANGS), len(SECTIONS) * len(LANGS), total_words // files, out,
        (" and " + hugo_out) if hugo_out else ""))


if __name__ == "__main__":
    main()
