//! Where every page lives: one place decides the URL scheme.
//!
//! Pretty URLs (`/<lang>/<category>/<slug>/`, written as `.../index.html`) under the path of
//! the site's base URL, so a help center can live at `https://shop.example/help/`.

/// The site's URL scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Urls {
    /// `https://help.example.com`, without a trailing slash.
    pub origin: String,
    /// The path part of the base URL, starting and ending with `/`.
    pub base_path: String,
    /// Where helpbook's own pages sit under each language.
    pub own: OwnPages,
}

/// The segments of helpbook's own pages under a language. A writer's top-level folder or
/// article may take one of the usual names; helpbook's page then moves aside, in every
/// language alike, because the writer's URL is the one links and bookmarks already use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnPages {
    pub tags: String,
    pub search: String,
    pub contact: String,
    pub widget: String,
}

/// Each own page's usual segment and the one it moves to when a writer's page has it.
const OWN_PAGES: [(&str, &str); 4] = [
    ("tags", "all-tags"),
    ("search", "search-results"),
    ("contact", "contact-us"),
    ("widget", "help-widget"),
];

impl Default for OwnPages {
    fn default() -> Self {
        let [tags, search, contact, widget] = OWN_PAGES.map(|(usual, _)| usual.to_string());
        OwnPages {
            tags,
            search,
            contact,
            widget,
        }
    }
}

impl OwnPages {
    /// The own pages with each one whose usual segment is in `taken` moved aside; also
    /// returns the (usual, moved) pairs, for the warnings that say so.
    pub fn avoiding(taken: impl Fn(&str) -> bool) -> (OwnPages, Vec<(&'static str, &'static str)>) {
        let mut moved = Vec::new();
        let [tags, search, contact, widget] = OWN_PAGES.map(|(usual, aside)| {
            if taken(usual) {
                moved.push((usual, aside));
                aside.to_string()
            } else {
                usual.to_string()
            }
        });
        let pages = OwnPages {
            tags,
            search,
            contact,
            widget,
        };
        (pages, moved)
    }

    /// Every segment the own pages use, which no writer's top-level page may also use.
    pub fn segments(&self) -> [&str; 4] {
        [&self.tags, &self.search, &self.contact, &self.widget]
    }
}

/// How many pages a list of `count` articles takes at `per_page` articles a page (0: all on
/// one); an empty list still has its page.
pub fn list_pages(count: usize, per_page: usize) -> usize {
    if per_page == 0 {
        1
    } else {
        count.div_ceil(per_page).max(1)
    }
}

/// The URL of page `index` (0-based) of a list whose first page is at `first_url` (ending in
/// `/`): `/en/returns/`, then `/en/returns/page/2/` and on.
pub fn list_page_url(first_url: &str, index: usize) -> String {
    if index == 0 {
        first_url.to_string()
    } else {
        format!("{first_url}page/{}/", index + 1)
    }
}

/// The path part of a base URL, starting and ending with `/`.
pub fn base_path_of(base_url: &str) -> String {
    let after_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    let trimmed = path.trim_matches('/');
    if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    }
}

impl Urls {
    pub fn new(base_url: &str) -> Urls {
        let base_path = base_path_of(base_url);
        let without_path = base_url.trim_end_matches('/');
        let origin = without_path
            .strip_suffix(base_path.trim_end_matches('/'))
            .unwrap_or(without_path)
            .to_string();
        Urls {
            origin,
            base_path,
            own: OwnPages::default(),
        }
    }

    /// A site path (starting with the base path) made absolute, for canonical links and feeds.
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{path}", self.origin)
    }

    pub fn root(&self) -> String {
        self.base_path.clone()
    }

    pub fn language_home(&self, lang: &str) -> String {
        format!("{}{lang}/", self.base_path)
    }

    pub fn tags(&self, lang: &str) -> String {
        format!("{}{lang}/{}/", self.base_path, self.own.tags)
    }

    pub fn tag(&self, lang: &str, tag: &str) -> String {
        format!("{}{lang}/{}/{tag}/", self.base_path, self.own.tags)
    }

    pub fn contact(&self, lang: &str) -> String {
        format!("{}{lang}/{}/", self.base_path, self.own.contact)
    }

    pub fn search(&self, lang: &str) -> String {
        format!("{}{lang}/{}/", self.base_path, self.own.search)
    }

    pub fn widget(&self, lang: &str) -> String {
        format!("{}{lang}/{}/", self.base_path, self.own.widget)
    }

    /// The URL of each of helpbook's own pages under `lang`, with the page's name.
    pub fn own_page_urls(&self, lang: &str) -> [(String, &'static str); 4] {
        [
            (self.tags(lang), "tags"),
            (self.search(lang), "search"),
            (self.contact(lang), "contact"),
            (self.widget(lang), "widget"),
        ]
    }

    pub fn asset(&self, name: &str) -> String {
        format!("{}assets/{name}", self.base_path)
    }

    /// The file that serves a pretty URL: `/help/en/x/` is `en/x/index.html` in the output.
    pub fn output_file(&self, url: &str) -> String {
        let relative = url
            .strip_prefix(&self.base_path)
            .unwrap_or(url.trim_start_matches('/'));
        if relative.is_empty() || relative.ends_with('/') {
            format!("{relative}index.html")
        } else {
            relative.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_cases() {
        let cases = [
            ("https://help.example.com", "https://help.example.com", "/"),
            ("https://help.example.com/", "https://help.example.com", "/"),
            (
                "https://shop.example/help",
                "https://shop.example",
                "/help/",
            ),
            (
                "https://shop.example/a/help/",
                "https://shop.example",
                "/a/help/",
            ),
            ("http://127.0.0.1:3000/", "http://127.0.0.1:3000", "/"),
        ];
        for (base_url, origin, base_path) in cases {
            let urls = Urls::new(base_url);
            assert_eq!(
                (urls.origin.as_str(), urls.base_path.as_str()),
                (origin, base_path),
                "{base_url}"
            );
        }
    }

    #[test]
    fn pages_and_their_files() {
        let urls = Urls::new("https://shop.example/help/");
        let article = format!("{}zwroty/zwrot-pieniedzy/", urls.language_home("pl"));
        assert_eq!(article, "/help/pl/zwroty/zwrot-pieniedzy/");
        assert_eq!(
            urls.output_file(&article),
            "pl/zwroty/zwrot-pieniedzy/index.html"
        );
        assert_eq!(urls.output_file(&urls.root()), "index.html");
        assert_eq!(urls.output_file("/help/sitemap.xml"), "sitemap.xml");
        assert_eq!(
            urls.absolute(&article),
            "https://shop.example/help/pl/zwroty/zwrot-pieniedzy/"
        );
    }

    #[test]
    fn own_pages_move_aside_only_for_names_a_writer_took() {
        let (own, moved) = OwnPages::avoiding(|name| name == "search");
        let urls = Urls {
            own,
            ..Urls::new("https://help.example.com")
        };
        assert_eq!(moved, [("search", "search-results")]);
        assert_eq!(urls.search("en"), "/en/search-results/");
        assert_eq!(urls.tags("en"), "/en/tags/");
        assert_eq!(urls.widget("ar"), "/ar/widget/");
    }
}
