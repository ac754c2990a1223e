//! `bayan::bidi::mark_directions` over a corpus of real-looking fragments in Arabic (`ar`),
//! English (`en`), Kurmanji (`ku`, Latin script, LTR) and Sorani (`ckb`, Arabic script, RTL):
//! the exact markup expected, and the invariant that only tags and `dir` attributes are added.

use bayan::bidi::mark_directions;
use bayan::languages::Direction;
use pulldown_cmark::{html, Options, Parser};

const AR: Direction = Direction::Rtl;
const CKB: Direction = Direction::Rtl;
const EN: Direction = Direction::Ltr;
const KU: Direction = Direction::Ltr;

/// The text content: tags removed (entities left as they are).
fn text_content(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The markup with everything `mark_directions` may add taken away.
fn without_additions(html: &str) -> String {
    html.replace("<bdi>", "")
        .replace("</bdi>", "")
        .replace(" dir=\"ltr\"", "")
        .replace(" dir=\"rtl\"", "")
}

/// Checks that start and end tags nest properly (void elements aside).
fn assert_well_nested(html: &str) {
    const VOID: &[&str] = &["br", "hr", "img", "input", "meta", "link", "wbr", "col"];
    let mut stack: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let close = rest[open..].find('>').expect("unterminated tag") + open;
        let tag = &rest[open + 1..close];
        rest = &rest[close + 1..];
        if tag.starts_with('!') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "in {html}");
        } else {
            let name: String = tag
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            if !VOID.contains(&name.as_str()) && !tag.ends_with('/') {
                stack.push(name);
            }
        }
    }
    assert!(stack.is_empty(), "unclosed {stack:?} in {html}");
}

/// Marks `input` for a page in `direction`, checks the invariants, and returns the result.
fn mark(input: &str, direction: Direction) -> String {
    let output = mark_directions(input, direction).expect("rewriting succeeds");
    assert_eq!(text_content(&output), text_content(input), "text content");
    assert_eq!(
        without_additions(&output),
        without_additions(input),
        "only tags and dir attributes are added"
    );
    assert_well_nested(&output);
    output
}

fn check(input: &str, direction: Direction, expected: &str) {
    assert_eq!(mark(input, direction), expected, "\ninput: {input}");
}

#[test]
fn arabic_paragraph_with_latin_organisation_names_and_a_range() {
    check(
        "<p>عملت منظمتنا في الفترة 2007–2012 مع The Carter Center و The Elders على دعم الحوار.</p>",
        AR,
        "<p>عملت منظمتنا في الفترة <bdi>2007–2012</bdi> مع <bdi>The Carter Center</bdi> و \
         <bdi>The Elders</bdi> على دعم الحوار.</p>",
    );
}

#[test]
fn arabic_contact_details() {
    check(
        "<p>للتواصل: info@example.org أو الهاتف +970 2 123 4567، والموقع https://example.org/ar/.</p>",
        AR,
        "<p>للتواصل: <bdi>info@example.org</bdi> أو الهاتف <bdi>+970 2 123 4567</bdi>، والموقع \
         <bdi>https://example.org/ar/</bdi>.</p>",
    );
    check(
        "<p>مكتب باريس: +33 1 23 45 67 89 (من 9 إلى 5).</p>",
        AR,
        "<p>مكتب باريس: <bdi>+33 1 23 45 67 89</bdi> (من 9 إلى 5).</p>",
    );
}

#[test]
fn links_are_isolated_inside_the_link_text() {
    check(
        "<p>زوروا <a href=\"https://example.org/ar/\">https://example.org/ar/</a> أو موقع \
         <a href=\"https://theelders.org/\" title=\"The Elders (2007)\">The Elders</a> للمزيد.</p>",
        AR,
        "<p>زوروا <a href=\"https://example.org/ar/\"><bdi>https://example.org/ar/</bdi></a> أو موقع \
         <a href=\"https://theelders.org/\" title=\"The Elders (2007)\"><bdi>The Elders</bdi></a> للمزيد.</p>",
    );
}

#[test]
fn single_latin_words_in_arabic_are_left_alone() {
    check(
        "<p>نعقد اجتماعاتنا عبر Zoom كل أسبوع، ونحفظ الملفات في Nextcloud.</p>",
        AR,
        "<p>نعقد اجتماعاتنا عبر Zoom كل أسبوع، ونحفظ الملفات في Nextcloud.</p>",
    );
}

#[test]
fn latin_names_with_numbers_and_brackets_keep_them() {
    check(
        "<p>التقى UN Special Envoy (2022) بممثلي Windows 11 وCOVID-19 و#MeToo و@UNDP في جنيف.</p>",
        AR,
        "<p>التقى <bdi>UN Special Envoy (2022)</bdi> بممثلي <bdi>Windows 11</bdi> و<bdi>COVID-19</bdi> \
         و<bdi>#MeToo</bdi> و<bdi>@UNDP</bdi> في جنيف.</p>",
    );
    check(
        "<p>بدعم من (The Elders) ومن Geir Pedersen (UN).</p>",
        AR,
        "<p>بدعم من (<bdi>The Elders</bdi>) ومن <bdi>Geir Pedersen (UN)</bdi>.</p>",
    );
}

#[test]
fn entities_are_units() {
    check(
        "<p>شراكة مع Search &amp; Rescue الدولية، وقالت المديرة &quot;We will continue&quot; ثم غادرت.</p>",
        AR,
        "<p>شراكة مع <bdi>Search &amp; Rescue</bdi> الدولية، وقالت المديرة \
         &quot;<bdi>We will continue</bdi>&quot; ثم غادرت.</p>",
    );
}

#[test]
fn ranges_in_arabic_text() {
    check(
        "<p>من 5–6 أيار، وفي الأعوام 2007-2012، وفي ٢٠٠٧–٢٠١٢، وفي عام 2020.</p>",
        AR,
        "<p>من <bdi>5–6</bdi> أيار، وفي الأعوام <bdi>2007-2012</bdi>، وفي ٢٠٠٧–٢٠١٢، وفي عام 2020.</p>",
    );
}

#[test]
fn english_paragraph_and_heading_in_an_arabic_page() {
    check(
        "<h2 id=\"annual-report\">Annual Report 2023</h2>\n\
         <p>مقدمة التقرير.</p>\n\
         <p>The Carter Center supported the 2012 dialogue in Geneva.</p>\n\
         <p>2023</p>",
        AR,
        "<h2 id=\"annual-report\" dir=\"ltr\">Annual Report 2023</h2>\n\
         <p>مقدمة التقرير.</p>\n\
         <p dir=\"ltr\">The Carter Center supported the 2012 dialogue in Geneva.</p>\n\
         <p>2023</p>",
    );
}

#[test]
fn english_page_with_an_arabic_name_and_a_sorani_quote() {
    check(
        "<p>Our partner <strong>مدنيّة</strong> (Madaniya) published a report; مدنيّة 2023 is online.</p>\n\
         <blockquote>\n<p>«ئێمە بەردەوام دەبین لە کارەکانمان»</p>\n<p>— English translation follows.</p>\n</blockquote>\n\
         <p>The Kurdish word <em>ئازادی</em> means freedom.</p>",
        EN,
        "<p>Our partner <strong><bdi>مدنيّة</bdi></strong> (Madaniya) published a report; \
         <bdi>مدنيّة</bdi> 2023 is online.</p>\n\
         <blockquote dir=\"rtl\">\n<p>«ئێمە بەردەوام دەبین لە کارەکانمان»</p>\n\
         <p dir=\"ltr\">— English translation follows.</p>\n</blockquote>\n\
         <p>The Kurdish word <em><bdi>ئازادی</bdi></em> means freedom.</p>",
    );
}

#[test]
fn kurmanji_page_with_an_arabic_organisation_name() {
    check(
        "<p>Em bi rêxistina <a href=\"/ar/\">مدنيّة</a> û bi منظمة المجتمع المدني re ji sala 2019an ve dixebitin.</p>\n\
         <p>Têkilî: info@example.org, +970 2 123 4567.</p>",
        KU,
        "<p>Em bi rêxistina <a href=\"/ar/\"><bdi>مدنيّة</bdi></a> û bi <bdi>منظمة المجتمع المدني</bdi> \
         re ji sala 2019an ve dixebitin.</p>\n\
         <p>Têkilî: info@example.org, +970 2 123 4567.</p>",
    );
}

#[test]
fn sorani_page_with_latin_names_and_addresses() {
    // The second paragraph shows the limit of the first-strong rule: a Sorani sentence that
    // starts with a Latin word is taken for a left-to-right one.
    check(
        "<p>ڕێکخراوی Human Rights Watch لە ساڵی 2020 ڕاپۆرتێکی بڵاوکردەوە: www.example.org/ckb و ckb@example.org.</p>\n\
         <p>Zoom بەکاردەهێنین.</p>",
        CKB,
        "<p>ڕێکخراوی <bdi>Human Rights Watch</bdi> لە ساڵی 2020 ڕاپۆرتێکی بڵاوکردەوە: \
         <bdi>www.example.org/ckb</bdi> و <bdi>ckb@example.org</bdi>.</p>\n\
         <p dir=\"ltr\">Zoom <bdi>بەکاردەهێنین</bdi>.</p>",
    );
}

#[test]
fn code_spans_and_code_blocks() {
    check(
        "<p>لتثبيت الأداة شغّل <code>cargo install bayan</code> ثم <code>bayan build</code>.</p>\n\
         <pre><code class=\"language-sh\">bayan build --lang ar # (مثال) 2007–2012\n</code></pre>\n\
         <ul>\n<li><code>--help</code> يعرض المساعدة</li>\n</ul>",
        AR,
        "<p>لتثبيت الأداة شغّل <code dir=\"ltr\">cargo install bayan</code> ثم <code dir=\"ltr\">bayan build</code>.</p>\n\
         <pre dir=\"ltr\"><code class=\"language-sh\">bayan build --lang ar # (مثال) 2007–2012\n</code></pre>\n\
         <ul>\n<li><code dir=\"ltr\">--help</code> يعرض المساعدة</li>\n</ul>",
    );
    // A left-to-right page without right-to-left text is left as it is: code is already ltr.
    check(
        "<p>Run <code>bayan serve</code>.</p>",
        EN,
        "<p>Run <code>bayan serve</code>.</p>",
    );
    check(
        "<p>Run <code>bayan serve</code> (مثال).</p>",
        EN,
        "<p>Run <code dir=\"ltr\">bayan serve</code> (<bdi>مثال</bdi>).</p>",
    );
}

#[test]
fn table_with_one_latin_cell_in_an_arabic_page() {
    check(
        "<table>\n<thead>\n<tr>\n<th>الشريك</th>\n<th>المدينة</th>\n<th>الفترة</th>\n</tr>\n</thead>\n\
         <tbody>\n<tr>\n<td>مركز كارتر</td>\n<td>Atlanta</td>\n<td>2007–2012</td>\n</tr>\n</tbody>\n</table>",
        AR,
        "<table>\n<thead>\n<tr>\n<th>الشريك</th>\n<th>المدينة</th>\n<th>الفترة</th>\n</tr>\n</thead>\n\
         <tbody>\n<tr>\n<td>مركز كارتر</td>\n<td dir=\"ltr\">Atlanta</td>\n<td><bdi>2007–2012</bdi></td>\n\
         </tr>\n</tbody>\n</table>",
    );
}

#[test]
fn list_with_mixed_items() {
    check(
        "<ul>\n<li>ورشة عمل في رام الله</li>\n<li>Workshop in Ramallah (2022)</li>\n\
         <li>زار UN Special Envoy (2022) المكتب</li>\n<li>2007-2012</li>\n\
         <li>دورات تدريبية\n<ul>\n<li>Digital security</li>\n<li>الأمان الرقمي</li>\n</ul>\n</li>\n</ul>",
        AR,
        "<ul>\n<li>ورشة عمل في رام الله</li>\n<li dir=\"ltr\">Workshop in Ramallah (2022)</li>\n\
         <li>زار <bdi>UN Special Envoy (2022)</bdi> المكتب</li>\n<li><bdi>2007-2012</bdi></li>\n\
         <li>دورات تدريبية\n<ul>\n<li dir=\"ltr\">Digital security</li>\n<li>الأمان الرقمي</li>\n</ul>\n</li>\n</ul>",
    );
    // An English item whose nested list is Arabic: the item's own text decides.
    check(
        "<ol>\n<li>Training\n<ol>\n<li>تدريب</li>\n</ol>\n</li>\n</ol>",
        AR,
        "<ol>\n<li dir=\"ltr\">Training\n<ol>\n<li dir=\"rtl\">تدريب</li>\n</ol>\n</li>\n</ol>",
    );
}

#[test]
fn english_quotation_with_an_arabic_paragraph_in_an_arabic_page() {
    check(
        "<blockquote>\n<p>We will not stop.</p>\n<p>لن نتوقف.</p>\n</blockquote>",
        AR,
        "<blockquote dir=\"ltr\">\n<p>We will not stop.</p>\n<p dir=\"rtl\">لن نتوقف.</p>\n</blockquote>",
    );
}

#[test]
fn authors_markup_is_respected() {
    let input = "<p>اسم <bdi>The Carter Center</bdi> و <bdo dir=\"ltr\">A (B) C</bdo>.</p>\n\
                 <p><img src=\"logo.png\" alt=\"The Carter Center (2022)\"><br>شعار</p>\n\
                 <!-- The Carter Center 2007–2012 -->\n\
                 <script>const s = \"The Carter Center (2022)\";</script>\n\
                 <p dir=\"rtl\">Zoom</p>";
    check(input, AR, input);
    // The author's direction is kept, and is the context of the runs inside.
    check(
        "<p dir=\"ltr\">Partners: مركز كارتر.</p>\n<div dir=\"ltr\"><p>Partners: مركز كارتر.</p></div>",
        AR,
        "<p dir=\"ltr\">Partners: <bdi>مركز كارتر</bdi>.</p>\n\
         <div dir=\"ltr\"><p>Partners: <bdi>مركز كارتر</bdi>.</p></div>",
    );
}

#[test]
fn markdown_rendered_by_pulldown_cmark() {
    let markdown = "\
# تقرير 2023

عملنا مع The Carter Center في الفترة 2007–2012. راسلونا على <info@example.org>
أو زوروا <https://example.org/ar/>.

> The Elders: “Peace is possible.”

| الشريك | المدينة |
|---|---|
| مركز كارتر | Atlanta |

- ورشة في رام الله
- Workshop in Ramallah

شغّل `bayan build` ثم:

```sh
bayan serve --port 8080
```
";
    let mut fragment = String::new();
    html::push_html(
        &mut fragment,
        Parser::new_ext(markdown, Options::ENABLE_TABLES),
    );
    let output = mark(&fragment, AR);
    for expected in [
        "<h1>تقرير 2023</h1>",
        "<bdi>The Carter Center</bdi>",
        "<bdi>2007–2012</bdi>",
        "<a href=\"mailto:info@example.org\"><bdi>info@example.org</bdi></a>",
        "<a href=\"https://example.org/ar/\"><bdi>https://example.org/ar/</bdi></a>",
        "<blockquote dir=\"ltr\">\n<p>The Elders: “Peace is possible.”</p>",
        "<td dir=\"ltr\">Atlanta</td>",
        "<li dir=\"ltr\">Workshop in Ramallah</li>",
        "<code dir=\"ltr\">bayan build</code>",
        "<pre dir=\"ltr\"><code class=\"language-sh\">bayan serve --port 8080\n</code></pre>",
    ] {
        assert!(
            output.contains(expected),
            "missing {expected:?} in\n{output}"
        );
    }
    // Marking twice changes nothing more: existing `dir` and `<bdi>` are respected.
    assert_eq!(mark(&output, AR), output);
}

#[test]
fn fixture_pages_keep_their_text() {
    // Every corpus input above, plus long mixed text, through both page directions.
    let mut long = String::new();
    for _ in 0..200 {
        long.push_str(
            "<p>عملت <a href=\"/x?a=1&amp;b=2\">The Carter Center &amp; Co</a> بين 2007–2012 على +970 2 123 4567 \
             و info@example.org و https://example.org/ar/?q=1&amp;r=(2) مع مدنيّة و<code>x &lt; y</code>.</p>\n",
        );
    }
    for direction in [AR, EN] {
        let output = mark(&long, direction);
        assert!(output.len() > long.len());
    }
}
