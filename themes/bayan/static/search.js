// The search page: searches the language's index (written by Bayan beside this page) in the
// reader's browser, asking nothing of any other host. The index is fetched on the first
// search: its manifest, then the word files of the words typed, then the documents shown.
// fold() and forms() must do what src/publish/search/words.rs does to the indexed words.
(() => {
  const form = document.querySelector('.search-form');
  if (!form) return;
  const input = form.querySelector('input[type=search]');
  const status = document.querySelector('.search-status');
  const list = document.querySelector('.search-results');
  const more = document.querySelector('.search-more');
  const browse = document.querySelector('.search-browse');
  document.querySelector('.search-needs-script')?.remove();
  const strings = form.dataset;
  const locale = strings.locale || document.documentElement.lang;
  const arabic = document.documentElement.lang.startsWith('ar');
  const indexUrl = new URL(strings.index, location.href);
  const PAGE = 10;

  const WORD = /[\p{Alphabetic}\p{N}\p{M}\u200c\u200d\u00ad]+/gu;
  const IGNORED = /[\p{M}\u200c\u200d\u00ad\u0640]/gu;
  const SHAPES = { 'ى': 'ي', 'ی': 'ي', 'ة': 'ه', 'ە': 'ه', 'ھ': 'ه', 'ہ': 'ه', 'ک': 'ك', 'ٱ': 'ا' };
  const ARTICLES = ['وال', 'فال', 'بال', 'كال', 'ولل', 'فلل', 'لل', 'ال'];
  const PREFIXES = 'وفبلك';
  const MIN_CHARS = 2;

  function fold(word) {
    return word.toLowerCase().normalize('NFKD').replace(IGNORED, '')
      .replace(/[ىیةەھہکٱ]/g, (c) => SHAPES[c])
      .replace(/[٠-٩]/g, (c) => String(c.charCodeAt(0) - 0x660))
      .replace(/[۰-۹]/g, (c) => String(c.charCodeAt(0) - 0x6f0));
  }

  const length = (s) => [...s].length;

  function forms(folded) {
    const longEnough = (w) => length(w) >= MIN_CHARS;
    if (!arabic || !/^[\u0600-\u06ff]/.test(folded)) return longEnough(folded) ? [folded] : [];
    for (const article of ARTICLES) {
      if (folded.startsWith(article) && longEnough(folded.slice(article.length))) {
        return [folded.slice(article.length)];
      }
    }
    const found = longEnough(folded) ? [folded] : [];
    if (PREFIXES.includes(folded[0]) && length(folded) >= 4) found.push(folded.slice(1));
    return found;
  }

  // Code point order, as the index sorts its words (JavaScript's < compares UTF-16 units).
  function compare(a, b) {
    const x = [...a];
    const y = [...b];
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d) return d;
    }
    return x.length - y.length;
  }

  // The word files that may hold words beginning with `form`: the last one whose first word
  // is not after it, and those after it whose first word begins with it.
  function filesFor(firsts, form) {
    let start = 0;
    while (start + 1 < firsts.length && compare(firsts[start + 1], form) <= 0) start++;
    const files = [start];
    for (let n = start + 1; n < firsts.length && firsts[n].startsWith(form); n++) files.push(n);
    return files;
  }

  let manifest = null;
  const wordFiles = new Map();
  const docs = new Map();
  const fetchJson = (url, init) => fetch(url, init).then((r) => {
    if (!r.ok) throw new Error(`${url}: ${r.status}`);
    return r.json();
  });
  function loadManifest() {
    // Revalidated each visit: it is the one file that names the current index.
    manifest ??= fetchJson(indexUrl, { cache: 'no-cache' });
    return manifest;
  }
  function load(cache, path) {
    if (!cache.has(path)) cache.set(path, loadManifest().then((m) => fetchJson(new URL(`${m.version}/${path}`, indexUrl))));
    return cache.get(path);
  }

  // Each word of the query: the documents with a word starting with one of its forms. A
  // document must have every word; its score is the sum of the words' weights, an exact word
  // counting twice as much as one it begins.
  async function find(query) {
    const groups = (query.match(WORD) || []).map((w) => forms(fold(w))).filter((g) => g.length);
    if (!groups.length) return null;
    const m = await loadManifest();
    let total = null;
    for (const group of groups) {
      const scores = new Map();
      for (const form of group) {
        if (!m.words.length) continue;
        for (const n of filesFor(m.words, form)) {
          const words = await load(wordFiles, `w/${n}.json`);
          for (const [term, postings] of Object.entries(words)) {
            if (!term.startsWith(form)) continue;
            const factor = term === form ? 2 : 1;
            for (let i = 0, id = 0; i < postings.length; i += 2) {
              id += postings[i];
              scores.set(id, (scores.get(id) || 0) + postings[i + 1] * factor);
            }
          }
        }
      }
      if (total === null) {
        total = scores;
      } else {
        for (const [id, score] of total) {
          if (scores.has(id)) total.set(id, score + scores.get(id));
          else total.delete(id);
        }
      }
    }
    const ranked = [...total].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([id]) => id);
    return { ranked, forms: groups.flat() };
  }

  const matches = (word, queryForms) => {
    const wordForms = forms(fold(word));
    return wordForms.some((f) => queryForms.some((q) => f.startsWith(q)));
  };

  // The title, and about thirty words of the text around the first word found, with the
  // words found marked.
  function marked(text, queryForms, around) {
    const fragment = document.createDocumentFragment();
    const words = [...text.matchAll(WORD)];
    let start = 0;
    let end = text.length;
    if (around) {
      const first = Math.max(0, words.findIndex((w) => matches(w[0], queryForms)));
      const from = Math.max(0, first - 10);
      const to = Math.min(words.length, from + 30);
      start = words.length ? words[from].index : 0;
      end = to < words.length ? words[to].index : text.length;
      if (from > 0) fragment.append('… ');
    }
    let at = start;
    for (const w of words) {
      if (w.index < start || w.index >= end || !matches(w[0], queryForms)) continue;
      fragment.append(text.slice(at, w.index));
      const mark = document.createElement('mark');
      mark.textContent = w[0];
      fragment.append(mark);
      at = w.index + w[0].length;
    }
    fragment.append(text.slice(at, end).trimEnd());
    if (around && end < text.length) fragment.append(' …');
    return fragment;
  }

  function item(doc, queryForms) {
    const li = document.createElement('li');
    const heading = document.createElement('h2');
    const link = document.createElement('a');
    link.href = doc.url;
    link.append(marked(doc.title, queryForms, false));
    heading.append(link);
    li.append(heading);
    const kind = doc.kind && strings[`kind${doc.kind[0].toUpperCase()}${doc.kind.slice(1)}`];
    if (kind || doc.date) {
      const when = document.createElement('p');
      when.className = 'when';
      if (kind) {
        const label = document.createElement('span');
        label.className = 'kind';
        label.textContent = kind;
        when.append(label);
      }
      if (doc.date) when.append(doc.date);
      li.append(when);
    }
    if (doc.text) {
      const excerpt = document.createElement('p');
      excerpt.append(marked(doc.text, queryForms, true));
      li.append(excerpt);
    }
    return li;
  }

  let shown = null;
  async function showMore() {
    const { ranked, forms: queryForms, count, run } = shown;
    const ids = ranked.slice(count, count + PAGE);
    const found = await Promise.all(ids.map((id) => load(docs, `doc/${id}.json`)));
    if (run !== latest) return;
    list.append(...found.map((doc) => item(doc, queryForms)));
    shown.count += ids.length;
    more.hidden = shown.count >= ranked.length;
  }

  function foundText(n) {
    const category = new Intl.PluralRules(locale).select(n);
    const pattern = strings[`found${category[0].toUpperCase()}${category.slice(1)}`] || strings.foundOther;
    return pattern.replace('{n}', new Intl.NumberFormat(locale).format(n));
  }

  let latest = 0;
  async function run(query) {
    const mine = ++latest;
    try {
      const result = await find(query);
      if (mine !== latest) return;
      list.replaceChildren();
      // The list of every page makes way for results, and comes back when the query is cleared.
      if (browse) browse.hidden = Boolean(result);
      if (!result) {
        status.textContent = '';
        list.hidden = more.hidden = true;
      } else {
        status.textContent = result.ranked.length ? foundText(result.ranked.length) : strings.none;
        list.hidden = !result.ranked.length;
        shown = { ...result, count: 0, run: mine };
        await showMore();
      }
      // What the results shown answer (tests wait for it).
      if (mine === latest) status.dataset.query = query;
    } catch (error) {
      if (mine !== latest) return;
      manifest = null;
      status.textContent = strings.failed;
      status.dataset.query = query;
      console.error(error);
    }
  }

  let timer;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const url = new URL(location.href);
      if (input.value.trim()) url.searchParams.set('q', input.value);
      else url.searchParams.delete('q');
      history.replaceState(null, '', url);
      run(input.value);
    }, 120);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run(input.value);
  });
  more.addEventListener('click', () => showMore());
  const asked = new URL(location.href).searchParams.get('q');
  if (asked) {
    input.value = asked;
    run(asked);
  }
})();
