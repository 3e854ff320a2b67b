//! The articles an article page lists as related: those that share its tags count twice as
//! much as those in its category.

use crate::site::Language;

/// How many neighbours in each tag's and the category's list are weighed as related articles.
/// Looking only near the article keeps the cost per article constant, where weighing every
/// article of the language made large sites quadratic.
const RELATED_NEIGHBOURS: usize = 60;

/// What weighing related articles reads of each article of a language, packed together.
/// Read from the articles themselves, each of an article's 150 or so candidates cost a visit
/// to a large struct and to its own list of tags somewhere else in memory: a twentieth of a
/// 100,000-article build, most of it waiting for memory.
pub struct Relatedness {
    category: Vec<u32>,
    /// Article `i`'s tags are `tags[tag_start[i]..tag_start[i + 1]]`.
    tag_start: Vec<u32>,
    tags: Vec<u32>,
}

/// The articles in the same folder as one whose category is `category` (`u32::MAX` for one
/// directly under the language).
fn folder_articles(language: &Language, category: u32) -> &[usize] {
    match language.categories.get(category as usize) {
        Some(c) => &c.articles,
        None => &language.home_articles,
    }
}

impl Relatedness {
    pub fn of(language: &Language) -> Relatedness {
        let mut tag_start = Vec::with_capacity(language.articles.len() + 1);
        let mut tags = Vec::new();
        tag_start.push(0);
        for article in &language.articles {
            tags.extend(article.tags.iter().map(|&t| t as u32));
            tag_start.push(tags.len() as u32);
        }
        Relatedness {
            category: language
                .articles
                .iter()
                .map(|a| a.category.map_or(u32::MAX, |c| c as u32))
                .collect(),
            tag_start,
            tags,
        }
    }

    fn tags_of(&self, article: usize) -> &[u32] {
        &self.tags[self.tag_start[article] as usize..self.tag_start[article + 1] as usize]
    }

    /// Up to `limit` articles related to article `index` of `language`, best first; ties
    /// keep the language's article order, which is already (category, weight, title).
    pub fn related(&self, language: &Language, index: usize, limit: usize) -> Vec<usize> {
        let own_tags = self.tags_of(index);
        let own_category = self.category[index];
        let mut candidates = union_of_sorted(
            own_tags
                .iter()
                .map(|&t| neighbours(&language.tags[t as usize].articles, index))
                .chain([neighbours(folder_articles(language, own_category), index)]),
        );
        candidates.retain(|&i| i != index);
        // The best `limit` so far as (score, article), best first. Candidates come in
        // article order, so an article goes after those that score as much: ties keep the
        // article order without a sort of every candidate.
        let mut best: Vec<(usize, usize)> = Vec::with_capacity(limit + 1);
        for i in candidates {
            let shared_tags = self
                .tags_of(i)
                .iter()
                .filter(|t| own_tags.contains(t))
                .count();
            let score = shared_tags * 2 + usize::from(self.category[i] == own_category);
            let full = best.len() == limit;
            if score == 0 || full && best.last().is_some_and(|&(least, _)| least >= score) {
                continue;
            }
            let at = best.partition_point(|&(s, _)| s >= score);
            best.insert(at, (score, i));
            best.truncate(limit);
        }
        best.into_iter().map(|(_, i)| i).collect()
    }
}

/// The entries of `lists`, each sorted without repeats, in order and once each. The lists
/// are a few windows of at most `RELATED_NEIGHBOURS`; merging them costs a tenth of sorting
/// them together, which was 1.4% of a build's instructions.
fn union_of_sorted<'a>(lists: impl Iterator<Item = &'a [usize]>) -> Vec<usize> {
    let mut union: Vec<usize> = Vec::new();
    let mut merged: Vec<usize> = Vec::new();
    for list in lists {
        merged.clear();
        merged.reserve(union.len() + list.len());
        let (mut a, mut b) = (0, 0);
        while a < union.len() && b < list.len() {
            let (x, y) = (union[a], list[b]);
            merged.push(x.min(y));
            a += usize::from(x <= y);
            b += usize::from(y <= x);
        }
        merged.extend_from_slice(&union[a..]);
        merged.extend_from_slice(&list[b..]);
        std::mem::swap(&mut union, &mut merged);
    }
    union
}

/// Up to `RELATED_NEIGHBOURS` entries of the sorted `list` around `index`.
fn neighbours(list: &[usize], index: usize) -> &[usize] {
    let at = list.partition_point(|&i| i < index);
    let start = at.saturating_sub(RELATED_NEIGHBOURS / 2);
    let end = (start + RELATED_NEIGHBOURS).min(list.len());
    &list[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_lists_are_merged_in_order_without_repeats() {
        let lists: [&[usize]; 4] = [&[2, 5, 9], &[1, 5, 6, 9, 12], &[], &[0, 12, 13]];
        assert_eq!(
            union_of_sorted(lists.into_iter()),
            [0, 1, 2, 5, 6, 9, 12, 13]
        );
        assert!(union_of_sorted(std::iter::empty()).is_empty());
        // The same as sorting everything and dropping repeats, on windows of a real shape.
        let a: Vec<usize> = (0..60).map(|i| i * 3).collect();
        let b: Vec<usize> = (10..70).map(|i| i * 2).collect();
        let c: Vec<usize> = (0..40).map(|i| i * 5 + 1).collect();
        let mut expected: Vec<usize> = a.iter().chain(&b).chain(&c).copied().collect();
        expected.sort_unstable();
        expected.dedup();
        assert_eq!(
            union_of_sorted([&a[..], &b[..], &c[..]].into_iter()),
            expected
        );
    }

    #[test]
    fn neighbours_are_a_window_around_the_article_clamped_to_the_list() {
        let list: Vec<usize> = (0..200).map(|i| i * 2).collect();
        let near = neighbours(&list, 100);
        assert_eq!(near.len(), RELATED_NEIGHBOURS);
        assert_eq!(near[0], 100 - RELATED_NEIGHBOURS);
        assert_eq!(neighbours(&list, 0)[0], 0, "clamped at the start");
        assert_eq!(
            *neighbours(&list, 1000).last().unwrap(),
            398,
            "clamped at the end"
        );
        assert!(neighbours(&[], 5).is_empty());
    }
}
