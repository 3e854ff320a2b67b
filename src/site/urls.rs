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
        Urls { origin, base_path }
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

    pub fn category(&self, lang: &str, category: &str) -> String {
        format!("{}{lang}/{category}/", self.base_path)
    }

    pub fn article(&self, lang: &str, category: &str, slug: &str) -> String {
        format!("{}{lang}/{category}/{slug}/", self.base_path)
    }

    pub fn tags(&self, lang: &str) -> String {
        format!("{}{lang}/tags/", self.base_path)
    }

    pub fn tag(&self, lang: &str, tag: &str) -> String {
        format!("{}{lang}/tags/{tag}/", self.base_path)
    }

    pub fn contact(&self, lang: &str) -> String {
        format!("{}{lang}/contact/", self.base_path)
    }

    pub fn search(&self, lang: &str) -> String {
        format!("{}{lang}/search/", self.base_path)
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
        let article = urls.article("pl", "zwroty", "zwrot-pieniedzy");
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
}
