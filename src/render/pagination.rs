//! Long lists of articles split over numbered pages: `/en/returns/`, then
//! `/en/returns/page/2/` and on. A category of a large shop holds thousands of articles, and a
//! page listing all of them weighed a megabyte on a customer's phone.

use std::ops::Range;

use serde::Serialize;

use crate::site::Language;

/// Which page of a list, out of how many, at how many articles a page (0: all on one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// 0-based.
    pub index: usize,
    pub pages: usize,
    per_page: usize,
}

impl Paging {
    /// Every page of a list of `count` articles.
    pub fn all(count: usize, per_page: usize) -> impl Iterator<Item = Paging> {
        let pages = crate::site::list_pages(count, per_page);
        (0..pages).map(move |index| Paging {
            index,
            pages,
            per_page,
        })
    }

    /// Which of a list's `count` articles this page shows.
    pub fn range(&self, count: usize) -> Range<usize> {
        if self.per_page == 0 {
            return 0..count;
        }
        let start = (self.index * self.per_page).min(count);
        start..(start + self.per_page).min(count)
    }

    /// This page's URL, where the first page's is `first_url` (ending in `/`).
    pub fn url(&self, first_url: &str) -> String {
        Self::url_of(first_url, self.index)
    }

    fn url_of(first_url: &str, index: usize) -> String {
        crate::site::list_page_url(first_url, index)
    }

    /// "Page 2 of 5" in the language, or nothing when the list has one page.
    pub fn label(&self, language: &Language) -> Option<String> {
        (self.pages > 1).then(|| {
            crate::theme::i18n::fill(
                language.strings.text("page_of"),
                &[
                    ("page", &(self.index + 1).to_string()),
                    ("pages", &self.pages.to_string()),
                ],
            )
        })
    }

    /// The `pagination` variable of a listing page, when its list has more than one page.
    pub fn view(&self, language: &Language, first_url: &str) -> Option<PaginationView> {
        let label = self.label(language)?;
        Some(PaginationView {
            page: self.index + 1,
            pages: self.pages,
            label,
            previous: (self.index > 0).then(|| Self::url_of(first_url, self.index - 1)),
            next: (self.index + 1 < self.pages).then(|| Self::url_of(first_url, self.index + 1)),
        })
    }

    /// A page's title: the list's own on the first page, with the page's label on the others,
    /// so no two pages share a title.
    pub fn title(&self, title: &str, language: &Language) -> String {
        match self.label(language) {
            Some(label) if self.index > 0 => format!("{title} · {label}"),
            _ => title.to_string(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct PaginationView {
    pub page: usize,
    pub pages: usize,
    pub label: String,
    pub previous: Option<String>,
    pub next: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_is_cut_into_full_pages_and_a_last_one() {
        let pages: Vec<Paging> = Paging::all(7, 3).collect();
        assert_eq!(pages.len(), 3);
        let ranges: Vec<Range<usize>> = pages.iter().map(|p| p.range(7)).collect();
        assert_eq!(ranges, [0..3, 3..6, 6..7]);
        let urls: Vec<String> = pages.iter().map(|p| p.url("/en/returns/")).collect();
        assert_eq!(
            urls,
            ["/en/returns/", "/en/returns/page/2/", "/en/returns/page/3/"]
        );
        assert_eq!(Paging::all(6, 3).count(), 2, "no empty last page");
        assert_eq!(Paging::all(0, 3).count(), 1, "an empty list has its page");
        let whole: Vec<Paging> = Paging::all(500, 0).collect();
        assert_eq!((whole.len(), whole[0].range(500)), (1, 0..500));
    }
}
