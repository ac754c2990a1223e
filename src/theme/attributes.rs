//! Which attributes of values any template reads (`page.summary`, `p["summary"]`,
//! `sort(attribute="date")`), read once from every template's Tera syntax tree. A field of a
//! page's value that no template can reach is not computed for each of a site's pages.

use std::collections::BTreeSet;

use tera::ast::{Expr, ExprVal, FunctionCall, Node};
use tera::Tera;

/// The attribute names the templates of `tera` read, in every template, block and macro; `None`
/// when some template may read any attribute: a subscript computed while rendering
/// (`page[name]`), `json_encode` of a value, or the whole context (`__tera_context`).
pub fn attribute_names(tera: &Tera) -> Option<BTreeSet<String>> {
    let mut reader = Reader::default();
    for template in tera.templates.values() {
        reader.body(&template.ast);
        for definition in template.macros.values() {
            reader.body(&definition.body);
        }
    }
    (!reader.any).then_some(reader.names)
}

#[derive(Default)]
struct Reader {
    names: BTreeSet<String>,
    any: bool,
}

impl Reader {
    fn body(&mut self, body: &[Node]) {
        for node in body {
            self.node(node);
        }
    }

    fn node(&mut self, node: &Node) {
        match node {
            Node::VariableBlock(_, expr) => self.expr(expr),
            Node::Set(_, set) => self.expr(&set.value),
            Node::FilterSection(_, section, _) => {
                self.call(&section.filter, true);
                self.body(&section.body);
            }
            Node::If(branches, _) => {
                for (_, condition, body) in &branches.conditions {
                    self.expr(condition);
                    self.body(body);
                }
                if let Some((_, body)) = &branches.otherwise {
                    self.body(body);
                }
            }
            Node::Forloop(_, forloop, _) => {
                self.expr(&forloop.container);
                self.body(&forloop.body);
                if let Some(body) = &forloop.empty_body {
                    self.body(body);
                }
            }
            Node::Block(_, block, _) => self.body(&block.body),
            Node::MacroDefinition(_, definition, _) => self.body(&definition.body),
            Node::Super
            | Node::Text(_)
            | Node::Raw(..)
            | Node::Comment(..)
            | Node::Break(_)
            | Node::Continue(_)
            | Node::ImportMacro(..)
            | Node::Include(..)
            | Node::Extends(..) => {}
        }
    }

    fn expr(&mut self, expr: &Expr) {
        self.value(&expr.val);
        for filter in &expr.filters {
            self.call(filter, true);
        }
    }

    /// A filter or function: `attribute="…"` names an attribute (`sort`, `map`, `filter`,
    /// `group_by`); `json_encode` writes out every attribute of what it is given.
    fn call(&mut self, call: &FunctionCall, filter: bool) {
        if filter && call.name == "json_encode" {
            self.any = true;
        }
        for (name, arg) in &call.args {
            match (&arg.val, name.as_str()) {
                (ExprVal::String(attribute), "attribute") if filter => {
                    self.names.extend(attribute.split('.').map(str::to_string));
                }
                _ => self.expr(arg),
            }
        }
    }

    fn value(&mut self, value: &ExprVal) {
        match value {
            ExprVal::Ident(ident) => self.ident(ident),
            ExprVal::Math(math) => {
                self.expr(&math.lhs);
                self.expr(&math.rhs);
            }
            ExprVal::Logic(logic) => {
                self.expr(&logic.lhs);
                self.expr(&logic.rhs);
            }
            ExprVal::In(test) => {
                self.expr(&test.lhs);
                self.expr(&test.rhs);
            }
            ExprVal::Test(test) => {
                self.ident(&test.ident);
                for arg in &test.args {
                    self.expr(arg);
                }
            }
            ExprVal::Array(items) => {
                for item in items {
                    self.expr(item);
                }
            }
            ExprVal::StringConcat(concat) => {
                for value in &concat.values {
                    self.value(value);
                }
            }
            ExprVal::FunctionCall(call) => self.call(call, false),
            ExprVal::MacroCall(call) => {
                for arg in call.args.values() {
                    self.expr(arg);
                }
            }
            ExprVal::String(_) | ExprVal::Int(_) | ExprVal::Float(_) | ExprVal::Bool(_) => {}
        }
    }

    /// `page.translations[0].lang`: every name after the first is an attribute; a quoted
    /// subscript is one too, a number is an index, and anything else is computed.
    fn ident(&mut self, ident: &str) {
        if ident == "__tera_context" {
            self.any = true;
            return;
        }
        let mut rest = ident;
        let mut first = true;
        while !rest.is_empty() {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            if !first && end > 0 {
                self.names.insert(rest[..end].to_string());
            }
            first = false;
            rest = &rest[end..];
            if let Some(after) = rest.strip_prefix('.') {
                rest = after;
            } else if let Some(after) = rest.strip_prefix('[') {
                let close = after.find(']').unwrap_or(after.len());
                let inside = after[..close].trim();
                match inside.chars().next() {
                    Some('"' | '\'' | '`') => {
                        self.names.insert(inside[1..inside.len() - 1].to_string());
                    }
                    Some(c) if c.is_ascii_digit() => {}
                    _ => self.any = true,
                }
                rest = after.get(close + 1..).unwrap_or_default();
                rest = rest.strip_prefix('.').unwrap_or(rest);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(templates: &[(&str, &str)]) -> Option<BTreeSet<String>> {
        let mut tera = Tera::default();
        tera.add_raw_templates(templates.to_vec()).unwrap();
        attribute_names(&tera)
    }

    #[test]
    fn attributes_come_from_dots_quoted_subscripts_and_attribute_arguments() {
        let found = names(&[
            (
                "a.html",
                r#"{% for t in page.translations %}{{ t["lang"] }}{% endfor %}
                   {% if section.pages[0].summary is defined %}{% endif %}"#,
            ),
            (
                "b.html",
                r#"{% macro m(p) %}{{ p.relative_path | upper }}{% endmacro %}
                   {% block x %}{{ pages | sort(attribute="extra.weight") | length }}{% endblock %}"#,
            ),
        ])
        .unwrap();
        for name in [
            "translations",
            "lang",
            "pages",
            "summary",
            "relative_path",
            "extra",
            "weight",
        ] {
            assert!(found.contains(name), "{name} in {found:?}");
        }
        // The first name is a variable, not an attribute.
        assert!(!found.contains("page") && !found.contains("t") && !found.contains("p"));
    }

    #[test]
    fn computed_subscripts_json_and_the_whole_context_may_read_anything() {
        assert_eq!(names(&[("a.html", "{{ page[name] }}")]), None);
        assert_eq!(names(&[("a.html", "{{ page | json_encode }}")]), None);
        assert_eq!(names(&[("a.html", "{{ __tera_context }}")]), None);
        assert!(names(&[("a.html", "{{ page.title }}")]).is_some());
    }
}
