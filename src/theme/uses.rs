//! What a template can use when it renders, read once from its Tera syntax tree instead of
//! recorded while it runs: the site items it looks up (`get_page`, `get_section`), the UI strings
//! it asks for (`t(key=…)`) and the filters it applies.
//!
//! The reading follows everything Tera can run for one template: the `{% extends %}` chain with
//! the most derived definition of each block and `super()`, `{% include %}`, and macros (imported
//! or `self::`, calling one another). It may name more than one render uses (both branches of an
//! `if`, a loop over nothing), never less, so a preview that re-renders on these answers never
//! shows a stale page.

use std::collections::{BTreeSet, HashMap, HashSet};

use tera::ast::{Expr, ExprVal, FunctionCall, MacroCall, MacroDefinition, Node};
use tera::{Template, Tera};

/// The language a `get_page`, `get_section` or `t` call asks for.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lang {
    /// No `lang` argument: the language of the output being rendered.
    Output,
    /// `lang="…"`: this language code.
    Named(String),
    /// `lang=` something computed while rendering: any language.
    Any,
}

/// Which kind of item a lookup asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemKind {
    /// `get_page(path=…)`
    Page,
    /// `get_section(path=…)`
    Section,
}

/// A `get_page` or `get_section` call whose `path` is known before rendering.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Lookup {
    pub kind: ItemKind,
    /// The path as written, e.g. `_index.md` or `reports/2023.md`.
    pub path: String,
    pub lang: Lang,
}

/// A `t(key=…)` call whose key is known before rendering.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UiKey {
    pub key: String,
    pub lang: Lang,
}

/// A `t(key=…)` call whose key is built while rendering, such as `"kind-" ~ page.kind`: what is
/// known is the literal text the key starts and ends with (both empty when nothing is).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KeyPattern {
    pub prefix: String,
    pub suffix: String,
    pub lang: Lang,
}

impl KeyPattern {
    /// Whether the call could ask for `key`.
    pub fn matches(&self, key: &str) -> bool {
        key.len() >= self.prefix.len() + self.suffix.len()
            && key.starts_with(&self.prefix)
            && key.ends_with(&self.suffix)
    }
}

/// Everything a template can use when it renders, its parents, includes and macros included.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TemplateUses {
    /// `get_page`/`get_section` calls whose `path` is a literal.
    pub lookups: BTreeSet<Lookup>,
    /// Some `get_page`/`get_section` call has a path computed while rendering: the output may
    /// depend on any item of the site.
    pub dynamic_lookups: bool,
    /// `t()` calls whose key is a literal.
    pub ui_keys: BTreeSet<UiKey>,
    /// `t()` calls whose key is computed while rendering; empty when every key is a literal.
    pub dynamic_ui_keys: BTreeSet<KeyPattern>,
    /// Names of the filters applied, in expressions and `{% filter %}` sections (`filesize`
    /// formats with the UI strings `size-bytes`, `size-kb`…).
    pub filters: BTreeSet<String>,
}

/// What `template` can use when it renders in `tera`; nothing if there is no such template.
pub fn uses(tera: &Tera, template: &str) -> TemplateUses {
    let Some(rendered) = tera.templates.get(template) else {
        return TemplateUses::default();
    };
    let mut walker = Walker::new(tera, rendered);
    // Tera renders the topmost parent's tree; the rendered template and the parents in between
    // only take part through their blocks.
    let root = walker.chain.last().copied().unwrap_or(rendered);
    let scope = Scope {
        file: root,
        active: rendered,
        block: None,
    };
    walker.walk_body(&root.ast, scope);
    walker.uses
}

/// Where the nodes being walked come from.
#[derive(Clone, Copy)]
struct Scope<'a> {
    /// The template whose tree holds the nodes: its imports name the macros they call.
    file: &'a Template,
    /// The template whose blocks, then its parents' blocks, a `{% block %}` renders: the
    /// rendered template, or the included file or macro file being run.
    active: &'a Template,
    /// The block being walked and the level of `active`'s chain defining it, for `super()`.
    block: Option<(&'a str, usize)>,
}

struct Walker<'a> {
    tera: &'a Tera,
    /// The rendered template then its parents, closest first.
    chain: Vec<&'a Template>,
    uses: TemplateUses,
    /// Template name → macro namespace → the template defining that namespace's macros.
    namespaces: HashMap<&'a str, HashMap<&'a str, &'a str>>,
    /// Walked once each: what they use does not depend on who runs them.
    seen_includes: HashSet<&'a str>,
    seen_macros: HashSet<(&'a str, &'a str)>,
    /// (active template, defining template, block name).
    seen_blocks: HashSet<(&'a str, &'a str, &'a str)>,
}

impl<'a> Walker<'a> {
    fn new(tera: &'a Tera, rendered: &'a Template) -> Self {
        let parents = rendered
            .parents
            .iter()
            .filter_map(|name| tera.templates.get(name));
        Walker {
            tera,
            chain: std::iter::once(rendered).chain(parents).collect(),
            uses: TemplateUses::default(),
            namespaces: HashMap::new(),
            seen_includes: HashSet::new(),
            seen_macros: HashSet::new(),
            seen_blocks: HashSet::new(),
        }
    }

    fn walk_body(&mut self, body: &'a [Node], scope: Scope<'a>) {
        for node in body {
            self.walk_node(node, scope);
        }
    }

    fn walk_node(&mut self, node: &'a Node, scope: Scope<'a>) {
        match node {
            Node::VariableBlock(_, expr) => self.walk_expr(expr, scope),
            Node::Set(_, set) => self.walk_expr(&set.value, scope),
            Node::FilterSection(_, section, _) => {
                self.walk_filter(&section.filter, scope);
                self.walk_body(&section.body, scope);
            }
            Node::If(branches, _) => {
                for (_, condition, body) in &branches.conditions {
                    self.walk_expr(condition, scope);
                    self.walk_body(body, scope);
                }
                if let Some((_, body)) = &branches.otherwise {
                    self.walk_body(body, scope);
                }
            }
            Node::Forloop(_, forloop, _) => {
                self.walk_expr(&forloop.container, scope);
                self.walk_body(&forloop.body, scope);
                if let Some(body) = &forloop.empty_body {
                    self.walk_body(body, scope);
                }
            }
            Node::Block(_, block, _) => self.walk_block(&block.name, &block.body, scope),
            Node::Super => self.walk_super(scope),
            Node::Include(_, names, _) => self.walk_include(names),
            // Text, comments, loop control; macro definitions run only when called; imports
            // are read through `Template::imported_macro_files`; `extends` through the chain.
            Node::Text(_)
            | Node::Raw(..)
            | Node::Comment(..)
            | Node::Break(_)
            | Node::Continue(_)
            | Node::MacroDefinition(..)
            | Node::ImportMacro(..)
            | Node::Extends(..) => {}
        }
    }

    /// The template at `level` of `active`'s chain: itself, then its parents.
    fn level(&self, active: &'a Template, level: usize) -> Option<&'a Template> {
        match level {
            0 => Some(active),
            _ => self.tera.templates.get(active.parents.get(level - 1)?),
        }
    }

    /// A `{% block %}` renders its most derived definition, as Tera's `render_block` does.
    fn walk_block(&mut self, name: &'a str, body: &'a [Node], scope: Scope<'a>) {
        for level in 0..=scope.active.parents.len() {
            let Some(template) = self.level(scope.active, level) else {
                continue;
            };
            if template.blocks.contains_key(name) {
                self.walk_definition(template, name, level, scope.active);
                return;
            }
        }
        self.walk_body(body, scope);
    }

    /// `super()` renders the next definition of the current block up the chain.
    fn walk_super(&mut self, scope: Scope<'a>) {
        let Some((name, level)) = scope.block else {
            return;
        };
        for level in level + 1..=scope.active.parents.len() {
            let Some(template) = self.level(scope.active, level) else {
                continue;
            };
            if template.blocks.contains_key(name) {
                self.walk_definition(template, name, level, scope.active);
                return;
            }
        }
    }

    fn walk_definition(
        &mut self,
        template: &'a Template,
        name: &'a str,
        level: usize,
        active: &'a Template,
    ) {
        if !self
            .seen_blocks
            .insert((&active.name, &template.name, name))
        {
            return;
        }
        let scope = Scope {
            file: template,
            active,
            block: Some((name, level)),
        };
        self.walk_body(&template.blocks[name].body, scope);
    }

    /// Tera renders the first of the names that exists.
    fn walk_include(&mut self, names: &'a [String]) {
        let Some(template) = names.iter().find_map(|n| self.tera.templates.get(n)) else {
            return;
        };
        if !self.seen_includes.insert(&template.name) {
            return;
        }
        let scope = Scope {
            file: template,
            active: template,
            block: None,
        };
        self.walk_body(&template.ast, scope);
    }

    fn walk_expr(&mut self, expr: &'a Expr, scope: Scope<'a>) {
        self.walk_value(&expr.val, scope);
        for filter in &expr.filters {
            self.walk_filter(filter, scope);
        }
    }

    fn walk_filter(&mut self, filter: &'a FunctionCall, scope: Scope<'a>) {
        self.uses.filters.insert(filter.name.clone());
        for arg in filter.args.values() {
            self.walk_expr(arg, scope);
        }
    }

    fn walk_value(&mut self, value: &'a ExprVal, scope: Scope<'a>) {
        match value {
            ExprVal::Math(math) => {
                self.walk_expr(&math.lhs, scope);
                self.walk_expr(&math.rhs, scope);
            }
            ExprVal::Logic(logic) => {
                self.walk_expr(&logic.lhs, scope);
                self.walk_expr(&logic.rhs, scope);
            }
            ExprVal::In(test) => {
                self.walk_expr(&test.lhs, scope);
                self.walk_expr(&test.rhs, scope);
            }
            ExprVal::Test(test) => {
                for arg in &test.args {
                    self.walk_expr(arg, scope);
                }
            }
            ExprVal::Array(items) => {
                for item in items {
                    self.walk_expr(item, scope);
                }
            }
            ExprVal::StringConcat(concat) => {
                for value in &concat.values {
                    self.walk_value(value, scope);
                }
            }
            ExprVal::FunctionCall(call) => {
                self.record_call(call);
                for arg in call.args.values() {
                    self.walk_expr(arg, scope);
                }
            }
            ExprVal::MacroCall(call) => self.walk_macro_call(call, scope),
            ExprVal::String(_)
            | ExprVal::Int(_)
            | ExprVal::Float(_)
            | ExprVal::Bool(_)
            | ExprVal::Ident(_) => {}
        }
    }

    /// Notes what a call of `get_page`, `get_section` or `t` asks for. A call missing its
    /// `path` or `key` fails the render, so it uses nothing.
    fn record_call(&mut self, call: &FunctionCall) {
        let kind = match call.name.as_str() {
            "get_page" => ItemKind::Page,
            "get_section" => ItemKind::Section,
            "t" => return self.record_ui_key(call),
            // A taxonomy lists pages from anywhere in the site: any of them may change it.
            "get_taxonomy" | "get_taxonomy_term" => {
                self.uses.dynamic_lookups = true;
                return;
            }
            _ => return,
        };
        match call.args.get("path").map(literal) {
            Some(Some(path)) => {
                let lang = lang_of(call);
                self.uses.lookups.insert(Lookup { kind, path, lang });
            }
            Some(None) => self.uses.dynamic_lookups = true,
            None => {}
        }
    }

    fn record_ui_key(&mut self, call: &FunctionCall) {
        let Some(key) = call.args.get("key") else {
            return;
        };
        let lang = lang_of(call);
        match literal(key) {
            Some(key) => {
                self.uses.ui_keys.insert(UiKey { key, lang });
            }
            None => {
                let (prefix, suffix) = literal_ends(key);
                let pattern = KeyPattern {
                    prefix,
                    suffix,
                    lang,
                };
                self.uses.dynamic_ui_keys.insert(pattern);
            }
        }
    }

    /// A macro call evaluates its arguments where it is written (defaults are literals in
    /// Tera's grammar); the macro's body runs in its own file.
    fn walk_macro_call(&mut self, call: &'a MacroCall, scope: Scope<'a>) {
        for arg in call.args.values() {
            self.walk_expr(arg, scope);
        }
        for (file, definition) in self.macros_called(call, scope.file) {
            if self.seen_macros.insert((&file.name, &definition.name)) {
                let body_scope = Scope {
                    file,
                    active: file,
                    block: None,
                };
                self.walk_body(&definition.body, body_scope);
            }
        }
    }

    /// The macros `namespace::name()` may run. Tera resolves the namespace in the imports of
    /// the template whose block is rendering, or of the topmost parent, or of the file holding
    /// the call; all of them are taken. If none knows the namespace Tera fails the render, but
    /// every macro of that name is taken rather than risk missing one.
    fn macros_called(
        &mut self,
        call: &MacroCall,
        file: &'a Template,
    ) -> Vec<(&'a Template, &'a MacroDefinition)> {
        let mut files = Vec::new();
        for i in 0..=self.chain.len() {
            let template = if i == 0 { file } else { self.chain[i - 1] };
            if let Some(found) = self.namespace(template, &call.namespace) {
                if !files.contains(&found) {
                    files.push(found);
                }
            }
        }
        let defined_in = |template: &'a Template| {
            template
                .macros
                .get(&call.name)
                .map(|definition| (template, definition))
        };
        let found: Vec<_> = files
            .into_iter()
            .filter_map(|name| self.tera.templates.get(name))
            .filter_map(defined_in)
            .collect();
        if !found.is_empty() {
            return found;
        }
        self.tera
            .templates
            .values()
            .filter_map(defined_in)
            .collect()
    }

    /// The template whose macros `namespace` names in `template`.
    fn namespace(&mut self, template: &'a Template, namespace: &str) -> Option<&'a str> {
        self.build_namespaces(template);
        self.namespaces[template.name.as_str()]
            .get(namespace)
            .copied()
    }

    /// Tera's macro namespaces of a template (`MacroCollection::add_macros_from_template`):
    /// `self` for its own macros, its imports, then what its imports and its parents import,
    /// the nearer name winning.
    fn build_namespaces(&mut self, template: &'a Template) {
        if self.namespaces.contains_key(template.name.as_str()) {
            return;
        }
        // Entered before the imports are followed, so a file importing itself ends.
        self.namespaces.insert(&template.name, HashMap::new());
        let mut names: HashMap<&'a str, &'a str> = HashMap::new();
        if !template.macros.is_empty() {
            names.insert("self", &template.name);
        }
        let imported = template
            .imported_macro_files
            .iter()
            .filter_map(|(file, namespace)| Some((self.tera.templates.get(file)?, namespace)));
        let mut inherited = Vec::new();
        for (file, namespace) in imported {
            names.insert(namespace, &file.name);
            inherited.push(file);
        }
        inherited.extend(
            template
                .parents
                .iter()
                .filter_map(|parent| self.tera.templates.get(parent)),
        );
        for other in inherited {
            self.build_namespaces(other);
            for (namespace, file) in &self.namespaces[other.name.as_str()] {
                names.entry(namespace).or_insert(file);
            }
        }
        self.namespaces.insert(&template.name, names);
    }
}

/// The language a call's `lang` argument names.
fn lang_of(call: &FunctionCall) -> Lang {
    match call.args.get("lang") {
        None => Lang::Output,
        Some(expr) => literal(expr).map_or(Lang::Any, Lang::Named),
    }
}

/// The string an argument always evaluates to: a string literal, or literals joined by `~`.
fn literal(expr: &Expr) -> Option<String> {
    if expr.negated || !expr.filters.is_empty() {
        return None;
    }
    match &expr.val {
        ExprVal::String(s) => Some(s.clone()),
        ExprVal::StringConcat(concat) => concat.values.iter().map(literal_part).collect(),
        _ => None,
    }
}

fn literal_part(value: &ExprVal) -> Option<String> {
    match value {
        ExprVal::String(s) => Some(s.clone()),
        ExprVal::Int(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The literal text a computed string starts and ends with (`"kind-" ~ page.kind` starts with
/// `kind-`).
fn literal_ends(expr: &Expr) -> (String, String) {
    let ExprVal::StringConcat(concat) = &expr.val else {
        return (String::new(), String::new());
    };
    if expr.negated || !expr.filters.is_empty() {
        return (String::new(), String::new());
    }
    let known = |values: &mut dyn Iterator<Item = &ExprVal>| -> Vec<String> {
        values.map_while(literal_part).collect()
    };
    let prefix = known(&mut concat.values.iter()).concat();
    let mut suffix = known(&mut concat.values.iter().rev());
    suffix.reverse();
    (prefix, suffix.concat())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use tera::{Context, Value};

    fn tera(templates: &[(&str, &str)]) -> Tera {
        let mut tera = Tera::default();
        tera.add_raw_templates(templates.to_vec()).unwrap();
        tera
    }

    fn keys(uses: &TemplateUses) -> BTreeSet<&str> {
        uses.ui_keys.iter().map(|k| k.key.as_str()).collect()
    }

    fn set<'s>(items: &[&'s str]) -> BTreeSet<&'s str> {
        items.iter().copied().collect()
    }

    fn lookup(kind: ItemKind, path: &str, lang: Lang) -> Lookup {
        let path = path.to_string();
        Lookup { kind, path, lang }
    }

    fn pattern(prefix: &str, suffix: &str) -> KeyPattern {
        KeyPattern {
            prefix: prefix.to_string(),
            suffix: suffix.to_string(),
            lang: Lang::Output,
        }
    }

    /// The keys and paths one real render asks for: `t` and the lookups write them as `[…]`.
    fn rendered(tera: &Tera, name: &str) -> BTreeSet<String> {
        let mut tera = tera.clone();
        for (function, arg) in [("t", "key"), ("get_page", "path"), ("get_section", "path")] {
            tera.register_function(function, move |args: &HashMap<String, Value>| {
                Ok(Value::String(format!("[{}]", args[arg].as_str().unwrap())))
            });
        }
        let html = tera.render(name, &Context::new()).unwrap();
        html.split('[')
            .skip(1)
            .filter_map(|s| s.split_once(']'))
            .map(|(k, _)| k.to_string())
            .collect()
    }

    fn keys_and_paths(uses: &TemplateUses) -> BTreeSet<String> {
        let paths = uses.lookups.iter().map(|l| l.path.clone());
        uses.ui_keys
            .iter()
            .map(|k| k.key.clone())
            .chain(paths)
            .collect()
    }

    #[test]
    fn literal_paths_are_lookups_and_computed_paths_are_dynamic() {
        let tera = tera(&[
            (
                "literal.html",
                r#"{{ get_page(path="a.md") }}{% set s = get_section(path="b/_index.md", lang="ar") %}
                {{ get_page(path="c" ~ ".md", lang=other) }}{{ get_url(path="d.md") }}{{ get_page() }}"#,
            ),
            ("computed.html", r#"{{ get_page(path=link) }}"#),
        ]);
        let literal = uses(&tera, "literal.html");
        let expected = [
            lookup(ItemKind::Page, "a.md", Lang::Output),
            lookup(ItemKind::Section, "b/_index.md", Lang::Named("ar".into())),
            lookup(ItemKind::Page, "c.md", Lang::Any),
        ];
        assert_eq!(literal.lookups, BTreeSet::from(expected));
        assert!(!literal.dynamic_lookups);

        let computed = uses(&tera, "computed.html");
        assert!(computed.lookups.is_empty());
        assert!(computed.dynamic_lookups);
        assert_eq!(uses(&tera, "absent.html"), TemplateUses::default());
    }

    #[test]
    fn literal_keys_and_patterns_of_computed_keys() {
        let tera = tera(&[(
            "keys.html",
            r#"{{ t(key="a") }}{{ t(key="b", lang="en") }}{{ t(key="kind-" ~ page.kind) }}
            {{ t(key="signup-" ~ outcome ~ "-title") }}{{ t(key=name) }}{{ t(key="x" | upper) }}"#,
        )]);
        let uses = uses(&tera, "keys.html");
        let expected = [
            UiKey {
                key: "a".into(),
                lang: Lang::Output,
            },
            UiKey {
                key: "b".into(),
                lang: Lang::Named("en".into()),
            },
        ];
        assert_eq!(uses.ui_keys, BTreeSet::from(expected));
        let patterns = [
            pattern("kind-", ""),
            pattern("signup-", "-title"),
            pattern("", ""),
        ];
        assert_eq!(uses.dynamic_ui_keys, BTreeSet::from(patterns));
        assert!(pattern("signup-", "-title").matches("signup-thanks-title"));
        assert!(!pattern("signup-", "-title").matches("signup-thanks-text"));
        assert!(!pattern("ab", "ba").matches("aba"));
    }

    #[test]
    fn blocks_render_their_most_derived_definition_and_super() {
        let tera = tera(&[
            (
                "base.html",
                r#"{% block title %}{{ t(key="base-title") }}{% endblock title %}
                {% block content %}{{ t(key="base-content") }}{% endblock content %}
                {% block side %}{{ t(key="base-side") }}{% block inner %}{{ t(key="base-inner") }}{% endblock inner %}{% endblock side %}
                {{ t(key="base-outside") }}"#,
            ),
            (
                "child.html",
                r#"{% extends "base.html" %}{{ t(key="ignored") }}
                {% block content %}{{ t(key="child-content") }}{% endblock content %}
                {% block inner %}{{ super() }}{{ t(key="child-inner") }}{% endblock inner %}"#,
            ),
            (
                "grand.html",
                r#"{% extends "child.html" %}
                {% block content %}{{ super() }}{{ t(key="grand-content") }}{% endblock content %}
                {% block side %}{{ t(key="grand-side") }}{% endblock side %}"#,
            ),
        ]);
        let base = [
            "base-title",
            "base-content",
            "base-side",
            "base-inner",
            "base-outside",
        ];
        assert_eq!(keys(&uses(&tera, "base.html")), set(&base));
        let child = [
            "base-title",
            "child-content",
            "base-side",
            "base-inner",
            "child-inner",
        ];
        let child = [&child[..], &["base-outside"]].concat();
        assert_eq!(keys(&uses(&tera, "child.html")), set(&child));
        let grand = [
            "base-title",
            "child-content",
            "grand-content",
            "grand-side",
            "base-outside",
        ];
        assert_eq!(keys(&uses(&tera, "grand.html")), set(&grand));
        for name in ["base.html", "child.html", "grand.html"] {
            assert_eq!(keys_and_paths(&uses(&tera, name)), rendered(&tera, name));
        }
    }

    #[test]
    fn includes_follow_the_first_template_that_exists() {
        let tera = tera(&[
            (
                "a.html",
                r#"{% include ["missing.html", "b.html", "c.html"] ignore missing %}{% include "none.html" ignore missing %}"#,
            ),
            ("b.html", r#"{{ t(key="b") }}{% include "d.html" %}"#),
            ("c.html", r#"{{ t(key="c") }}"#),
            ("d.html", r#"{{ get_page(path="d.md") }}"#),
            (
                "loop.html",
                r#"{{ t(key="loop") }}{% if false %}{% include "loop.html" %}{% endif %}"#,
            ),
        ]);
        let a = uses(&tera, "a.html");
        assert_eq!(keys(&a), set(&["b"]));
        let expected = lookup(ItemKind::Page, "d.md", Lang::Output);
        assert_eq!(a.lookups, BTreeSet::from([expected]));
        assert_eq!(keys_and_paths(&a), rendered(&tera, "a.html"));
        assert_eq!(keys(&uses(&tera, "loop.html")), set(&["loop"]));
    }

    #[test]
    fn macros_are_followed_through_imports_and_self() {
        let macros = r#"
            {% macro card(path) %}{{ self::title(path=path) }}{% endmacro card %}
            {% macro title(path) %}{{ get_page(path="macro.md") }}{{ t(key="macro-title") }}{% endmacro title %}
            {% macro countdown(n) %}{% if n > 0 %}{{ self::countdown(n=n - 1) }}{% endif %}{% endmacro countdown %}
            {% macro unused() %}{{ t(key="never") }}{% endmacro unused %}
            {% macro labelled(label="default") %}{{ t(key=label) }}{% endmacro labelled %}"#;
        let more = r#"{% import "macros.html" as m %}
            {% macro outer() %}{{ m::card(path="x") }}{{ self::leaf() }}{% endmacro outer %}
            {% macro leaf() %}{{ t(key="leaf") }}{% endmacro leaf %}"#;
        let tera = tera(&[
            ("macros.html", macros),
            ("more.html", more),
            (
                "page.html",
                r#"{% import "more.html" as more %}{% import "macros.html" as m %}
                {{ more::outer() }}{{ m::countdown(n=3) }}{{ m::labelled(label=t(key="arg")) }}"#,
            ),
            (
                "given.html",
                r#"{% import "macros.html" as m %}{{ m::labelled(label="given") }}"#,
            ),
        ]);
        let page = uses(&tera, "page.html");
        assert_eq!(keys(&page), set(&["macro-title", "leaf", "arg"]));
        let expected = lookup(ItemKind::Page, "macro.md", Lang::Output);
        assert_eq!(page.lookups, BTreeSet::from([expected]));
        assert_eq!(keys_and_paths(&page), rendered(&tera, "page.html"));
        let given = uses(&tera, "given.html");
        assert!(keys(&given).is_empty());
        assert_eq!(given.dynamic_ui_keys, BTreeSet::from([pattern("", "")]));
    }

    #[test]
    fn a_macro_file_importing_itself_ends() {
        let tera = tera(&[
            (
                "loop.html",
                r#"{% import "loop.html" as again %}
                {% macro a() %}{{ again::b() }}{% endmacro a %}
                {% macro b() %}{{ t(key="b") }}{{ again::a() }}{% endmacro b %}"#,
            ),
            ("page.html", r#"{% import "loop.html" as l %}{{ l::a() }}"#),
        ]);
        assert_eq!(keys(&uses(&tera, "page.html")), set(&["b"]));
    }

    #[test]
    fn calls_hidden_anywhere_in_expressions_and_tags() {
        let tera = tera(&[(
            "nested.html",
            r#"{% set a = [t(key="in-array"), 1] %}
            {% set_global g = t(key="set-global") %}
            {{ x | default(value=t(key="filter-arg")) }}
            {% if x is containing(t(key="test-arg")) %}{% endif %}
            {{ 1 + get_page(path="math.md") }}
            {% if not t(key="logic") and y or z %}{% endif %}
            {% if t(key="in-lhs") in [t(key="in-rhs")] %}{% endif %}
            {{ "a" ~ t(key="concat") }}
            {% for i in get_section(path="loop.md") %}{{ t(key="for-body") }}{% else %}{{ t(key="for-empty") }}{% endfor %}
            {% if a %}{{ t(key="if") }}{% elif t(key="elif-cond") %}{{ t(key="elif") }}{% else %}{{ t(key="else") }}{% endif %}
            {% filter upper %}{{ t(key="filter-section") }}{% endfilter %}
            {{ t(key=t(key="nested-key")) }}"#,
        )]);
        let uses = uses(&tera, "nested.html");
        let expected = [
            "in-array",
            "set-global",
            "filter-arg",
            "test-arg",
            "logic",
            "in-lhs",
            "in-rhs",
            "concat",
            "for-body",
            "for-empty",
            "if",
            "elif-cond",
            "elif",
            "else",
            "filter-section",
            "nested-key",
        ];
        assert_eq!(keys(&uses), set(&expected));
        let paths: BTreeSet<&str> = uses.lookups.iter().map(|l| l.path.as_str()).collect();
        assert_eq!(paths, set(&["math.md", "loop.md"]));
        assert_eq!(uses.dynamic_ui_keys, BTreeSet::from([pattern("", "")]));
    }

    #[test]
    fn filters_of_expressions_sections_and_macros() {
        let tera = tera(&[
            (
                "macros.html",
                r#"{% macro when(d) %}{{ d | format_date(length="short") }}{% endmacro when %}"#,
            ),
            (
                "page.html",
                r#"{% import "macros.html" as m %}{{ size | filesize }}{% filter upper %}x{% endfilter %}{{ m::when(d=day) }}"#,
            ),
        ]);
        let filters = uses(&tera, "page.html").filters;
        let names: BTreeSet<&str> = filters.iter().map(String::as_str).collect();
        assert_eq!(names, set(&["filesize", "upper", "format_date"]));
    }

    mod theme {
        use super::*;

        fn theme() -> Tera {
            let glob = concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/themes/bayan/templates/**/*.html"
            );
            Tera::new(glob).unwrap()
        }

        /// The keys the theme's English UI strings define.
        fn defined_keys() -> BTreeSet<String> {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/themes/bayan/i18n/en.ftl");
            let text = std::fs::read_to_string(path).unwrap();
            text.lines()
                .filter(|line| line.starts_with(|c: char| c.is_ascii_lowercase()))
                .filter_map(|line| line.split_once(" ="))
                .map(|(key, _)| key.to_string())
                .collect()
        }

        #[test]
        fn page_uses_the_strings_of_its_base_and_its_partials() {
            let uses = uses(&theme(), "page.html");
            let keys = keys(&uses);
            let from_base = ["skip-to-content", "main-navigation", "menu", "languages"];
            let from_footer = [
                "not-translated",
                "footer-note",
                "made-with-bayan",
                "signup-title",
            ];
            let from_page = [
                "updated-on",
                "videos",
                "gallery",
                "attachments",
                "list-separator",
            ];
            for key in [&from_base[..], &from_footer, &from_page].concat() {
                assert!(keys.contains(key), "page.html should use {key}");
            }
            // A page's kind, and the names of the taxonomies it is listed under (terms.html).
            assert_eq!(
                uses.dynamic_ui_keys,
                BTreeSet::from([pattern("kind-", ""), pattern("taxonomy-", "")])
            );
            let home = lookup(ItemKind::Section, "_index.md", Lang::Output);
            assert_eq!(uses.lookups, BTreeSet::from([home]));
            assert!(!uses.dynamic_lookups);
            assert!(uses.filters.contains("filesize"));
        }

        #[test]
        fn kinds_use_only_the_blocks_they_keep() {
            let tera = theme();
            // report.html empties the `meta` block and links its statement through related.html.
            let report = uses(&tera, "report.html");
            assert!(!keys(&report).contains("updated-on"));
            for key in [
                "related-statement",
                "table-of-contents",
                "summary",
                "attachments",
            ] {
                assert!(keys(&report).contains(key), "report.html should use {key}");
            }
            assert!(report.dynamic_lookups);
            // about.html replaces `after_body`, and with it the attachments and their sizes.
            let about = uses(&tera, "about.html");
            assert!(keys(&about).contains("timeline"));
            assert!(keys(&about).contains("updated-on"));
            assert!(!keys(&about).contains("attachments"));
            assert!(!about.filters.contains("filesize"));
            let not_found = uses(&tera, "404.html");
            for key in ["not-found-title", "not-found-text", "back-home"] {
                assert!(keys(&not_found).contains(key), "404.html should use {key}");
            }
            assert!(not_found.dynamic_ui_keys.is_empty());
            let signup = uses(&tera, "signup-result.html");
            let outcomes = [pattern("signup-", "-title"), pattern("signup-", "-text")];
            assert_eq!(signup.dynamic_ui_keys, BTreeSet::from(outcomes));
        }

        #[test]
        fn every_key_the_theme_uses_is_defined_and_only_links_are_looked_up_dynamically() {
            let tera = theme();
            let defined = defined_keys();
            let mut dynamic_lookups = BTreeSet::new();
            for name in tera.get_template_names() {
                let uses = uses(&tera, name);
                for key in &uses.ui_keys {
                    assert!(
                        defined.contains(&key.key),
                        "{name}: {} is not in en.ftl",
                        key.key
                    );
                    assert_eq!(key.lang, Lang::Output);
                }
                for pattern in &uses.dynamic_ui_keys {
                    assert!(
                        !pattern.prefix.is_empty(),
                        "{name}: a key with no known prefix"
                    );
                    assert!(
                        defined.iter().any(|k| pattern.matches(k)),
                        "{name}: {pattern:?}"
                    );
                }
                if uses.filters.contains("filesize") {
                    assert!(defined.contains("size-bytes") && defined.contains("size-gb"));
                }
                assert!(uses.lookups.iter().all(|l| l.lang == Lang::Output));
                if uses.dynamic_lookups {
                    dynamic_lookups.insert(name);
                }
            }
            let expected = [
                "index.html",
                "report.html",
                "conference.html",
                "statement.html",
                "partials/related.html",
            ];
            assert_eq!(dynamic_lookups, set(&expected));
        }
    }
}
