//! Rendering a page over its language's shared context without copying that context.
//!
//! Tera renders from one owned `Context`. Everything a language's pages share (interface
//! strings, navigation, contact channels, assets) is the bulk of it, and cloning it for each
//! of 10,000 pages and dropping it again cost more than rendering the template. Instead each
//! worker keeps its own copy of the shared values, lays a page's own values over it for one
//! render, and takes them off again, putting back any shared value a page had replaced.

use serde_json::{Map, Value};
use tera::Context;

/// A language's shared context that pages are rendered over.
pub struct Layered {
    shared: Context,
}

impl Layered {
    pub fn new(shared: Context) -> Self {
        Layered { shared }
    }

    /// Calls `render` with the shared context plus `page`'s values, which win where both
    /// name the same key. Afterwards the shared context is exactly as it was.
    pub fn with_page<R>(&mut self, page: Context, render: impl FnOnce(&Context) -> R) -> R {
        let page = into_map(page);
        let keys: Vec<String> = page.keys().cloned().collect();
        let replaced: Map<String, Value> = keys
            .iter()
            .filter_map(|key| self.shared.remove(key).map(|value| (key.clone(), value)))
            .collect();
        self.shared.extend(from_map(page));
        let result = render(&self.shared);
        for key in &keys {
            self.shared.remove(key);
        }
        self.shared.extend(from_map(replaced));
        result
    }
}

/// The values of `context`, moved out without copying them.
fn into_map(context: Context) -> Map<String, Value> {
    match context.into_json() {
        Value::Object(map) => map,
        // A context is always a JSON object; this arm exists only to satisfy the type.
        _ => Map::new(),
    }
}

/// Puts `value` into `context` without the deep copy `Context::insert` makes of it.
pub fn insert_owned(context: &mut Context, key: &str, value: Value) {
    context.extend(from_map(Map::from_iter([(key.to_string(), value)])));
}

fn from_map(map: Map<String, Value>) -> Context {
    Context::from_value(Value::Object(map)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared() -> Layered {
        let mut context = Context::new();
        context.insert("title", "Help");
        context.insert("contact", &serde_json::json!({"email": "help@example.com"}));
        Layered::new(context)
    }

    #[test]
    fn a_page_sees_its_own_values_over_the_shared_ones() {
        let mut layered = shared();
        let mut page = Context::new();
        page.insert(
            "contact",
            &serde_json::json!({"email": "orders@example.com"}),
        );
        page.insert("article", "Refunds");
        let seen = layered.with_page(page, |c| {
            (
                c.get("title").cloned(),
                c.get("contact").cloned(),
                c.get("article").cloned(),
            )
        });
        assert_eq!(seen.0, Some(Value::from("Help")));
        assert_eq!(
            seen.1,
            Some(serde_json::json!({"email": "orders@example.com"}))
        );
        assert_eq!(seen.2, Some(Value::from("Refunds")));
    }

    #[test]
    fn the_next_page_sees_none_of_the_previous_page() {
        let mut layered = shared();
        let mut first = Context::new();
        first.insert("contact", "replaced");
        first.insert("article", "Refunds");
        layered.with_page(first, |_| ());
        let seen = layered.with_page(Context::new(), |c| {
            (c.get("contact").cloned(), c.contains_key("article"))
        });
        assert_eq!(
            seen.0,
            Some(serde_json::json!({"email": "help@example.com"}))
        );
        assert!(!seen.1, "a value of the previous page leaked into the next");
    }
}
