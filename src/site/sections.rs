//! The tree of a language's categories and sections, made from its folders.
//!
//! Every folder under a language that holds an article, an `_index.md` or such a folder is a
//! node: the top level are categories, the ones below them sections, at any depth. Nodes are
//! kept in one list in tree order (each node before its sections, siblings by weight and
//! title), so a language's articles, sorted by their node's place in it, read in the order a
//! visitor browsing the tree meets them.

use std::collections::BTreeMap;
use std::path::Path;

use crate::content::{CategorySource, INDEX_FILE};
use crate::error::Warning;
use crate::slug::url_segment;

/// A category (a top-level folder) or a section (a folder inside one).
#[derive(Debug)]
pub struct Category {
    /// The folder under the language as the writer named it, `resources/vpn`: the same in
    /// every language, so translations find each other by it.
    pub folder: String,
    /// The folder's segment of URLs.
    pub slug: String,
    pub title: String,
    pub description: String,
    pub icon: String,
    pub weight: i64,
    pub url: String,
    /// The node this one is a section of; `None` for a category.
    pub parent: Option<usize>,
    /// Sections directly inside, in order.
    pub sections: Vec<usize>,
    /// Indices into the language's articles directly in this folder, in order.
    pub articles: Vec<usize>,
    /// Articles in this folder and in every section below it.
    pub total_articles: usize,
    /// 0 for a category, 1 for its sections, and so on.
    pub depth: usize,
}

impl Category {
    pub fn is_category(&self) -> bool {
        self.parent.is_none()
    }
}

/// The nodes of a language in tree order, from its `_index.md` files and the folders its
/// articles sit in. `home_url` is the language's home, `lang_dir` its folder as writers see
/// it, for messages about folders without an `_index.md`.
pub fn tree(
    home_url: &str,
    lang_dir: &Path,
    index_files: Vec<CategorySource>,
    article_folders: impl Iterator<Item = String>,
    warnings: &mut Vec<Warning>,
) -> Vec<Category> {
    let mut folders: BTreeMap<String, Option<CategorySource>> = BTreeMap::new();
    for source in index_files {
        let folder = source.folder().to_string();
        insert_with_ancestors(&mut folders, &folder);
        folders.insert(folder, Some(source));
    }
    for folder in article_folders {
        insert_with_ancestors(&mut folders, &folder);
    }
    // A parent sorts before what is inside it (`a` < `a/b`), so its URL is known in time.
    let mut nodes: Vec<Category> = Vec::with_capacity(folders.len());
    let mut position: BTreeMap<String, usize> = BTreeMap::new();
    for (folder, source) in folders {
        let parent = parent_folder(&folder).map(|p| position[p]);
        let parent_url = parent.map_or(home_url, |p| nodes[p].url.as_str());
        let node = new_node(&folder, source, parent, parent_url, lang_dir, warnings);
        position.insert(folder, nodes.len());
        if let Some(p) = parent {
            let next = nodes.len();
            nodes[p].sections.push(next);
        }
        let icon = match (node.icon.is_empty(), parent) {
            (false, _) => node.icon.clone(),
            (true, Some(p)) => nodes[p].icon.clone(),
            (true, None) => "help".to_string(),
        };
        nodes.push(Category {
            depth: parent.map_or(0, |p| nodes[p].depth + 1),
            icon,
            ..node
        });
    }
    in_tree_order(nodes)
}

fn insert_with_ancestors(folders: &mut BTreeMap<String, Option<CategorySource>>, folder: &str) {
    let mut current = Some(folder);
    while let Some(f) = current.filter(|f| !f.is_empty()) {
        if folders.contains_key(f) {
            break;
        }
        folders.insert(f.to_string(), None);
        current = parent_folder(f);
    }
}

fn parent_folder(folder: &str) -> Option<&str> {
    folder.rsplit_once('/').map(|(parent, _)| parent)
}

fn new_node(
    folder: &str,
    source: Option<CategorySource>,
    parent: Option<usize>,
    parent_url: &str,
    lang_dir: &Path,
    warnings: &mut Vec<Warning>,
) -> Category {
    let name = folder.rsplit('/').next().unwrap_or(folder);
    let dir_path = lang_dir.join(folder);
    let (front, index_path) = match source {
        Some(source) => (source.front, dir_path.join(INDEX_FILE)),
        None => {
            warnings.push(Warning::in_file(
                &dir_path,
                format!(
                    "folder has no {INDEX_FILE}: titled `{}` after its name",
                    crate::site::humanize(name)
                ),
            ));
            (Default::default(), dir_path.clone())
        }
    };
    let slug = chosen_segment(name, front.slug.as_deref(), &index_path, "folder", warnings);
    let title = match front.title {
        Some(title) if !title.trim().is_empty() => title,
        _ => {
            if index_path != dir_path {
                warnings.push(Warning::in_file(
                    &index_path,
                    "category has no `title`; using its folder name",
                ));
            }
            crate::site::humanize(name)
        }
    };
    Category {
        url: format!("{parent_url}{slug}/"),
        folder: folder.to_string(),
        slug,
        title,
        description: front.description.unwrap_or_default(),
        // A section without an icon of its own is drawn with its parent's (filled in by
        // `tree`, which knows the parent).
        icon: front.icon.unwrap_or_default(),
        // Folders the writer did not describe go after those they ordered.
        weight: front
            .weight
            .unwrap_or(if index_path == dir_path { i64::MAX } else { 0 }),
        parent,
        sections: Vec::new(),
        articles: Vec::new(),
        total_articles: 0,
        depth: 0,
    }
}

/// The URL segment for a file or folder called `name`: the writer's `slug` when given, else
/// the name when it is fit for a URL, else a slug made from it, with a warning saying so.
pub fn chosen_segment(
    name: &str,
    chosen: Option<&str>,
    path: &Path,
    what: &str,
    warnings: &mut Vec<Warning>,
) -> String {
    if let Some(chosen) = chosen.map(str::trim).filter(|s| !s.is_empty()) {
        let (segment, changed) = url_segment(chosen);
        if changed {
            warnings.push(
                Warning::in_file(
                    path,
                    format!("`slug = {chosen:?}` is not fit for a URL: published as `{segment}`"),
                )
                .rule("renamed"),
            );
        }
        return segment;
    }
    let (segment, changed) = url_segment(name);
    if changed {
        warnings.push(
            Warning::in_file(
                path,
                format!(
                    "{what} name `{name}` is not fit for a URL: published as `{segment}` \
                     (set `slug` in the front matter to choose)"
                ),
            )
            .rule("renamed"),
        );
    }
    segment
}

/// `nodes` (parents before children) reordered so that each node comes before its sections
/// and siblings go by (weight, title, slug), with every index rewritten.
fn in_tree_order(nodes: Vec<Category>) -> Vec<Category> {
    let key = |i: usize| {
        (
            nodes[i].weight,
            nodes[i].title.as_str(),
            nodes[i].slug.as_str(),
        )
    };
    let mut top: Vec<usize> = (0..nodes.len())
        .filter(|&i| nodes[i].parent.is_none())
        .collect();
    top.sort_by(|&a, &b| key(a).cmp(&key(b)));
    let mut children: Vec<Vec<usize>> = nodes.iter().map(|n| n.sections.clone()).collect();
    for list in &mut children {
        list.sort_by(|&a, &b| key(a).cmp(&key(b)));
    }
    let mut order = Vec::with_capacity(nodes.len());
    let mut stack: Vec<usize> = top.into_iter().rev().collect();
    while let Some(i) = stack.pop() {
        order.push(i);
        stack.extend(children[i].iter().rev());
    }
    let mut new_index = vec![0; nodes.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut slots: Vec<Option<Category>> = nodes.into_iter().map(Some).collect();
    order
        .iter()
        .map(|&old| {
            let mut node = slots[old].take().expect("each node is placed once");
            node.parent = node.parent.map(|p| new_index[p]);
            node.sections = children[old].iter().map(|&c| new_index[c]).collect();
            node
        })
        .collect()
}

/// Adds each node's articles to the counts of the nodes above it.
pub fn count_articles(nodes: &mut [Category]) {
    for node in nodes.iter_mut() {
        node.total_articles = node.articles.len();
    }
    // Children come after their parents, so going backwards sums each subtree first.
    for i in (0..nodes.len()).rev() {
        if let Some(p) = nodes[i].parent {
            nodes[p].total_articles += nodes[i].total_articles;
        }
    }
}

/// The node at `index` and each one above it, from the category down.
pub fn chain(nodes: &[Category], index: usize) -> Vec<usize> {
    let mut chain = vec![index];
    while let Some(p) = nodes[*chain.last().expect("starts with one")].parent {
        chain.push(p);
    }
    chain.reverse();
    chain
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::MarkdownSource;

    fn index(rel_path: &str, front: &str) -> CategorySource {
        let front: crate::content::CategoryFrontMatter = toml::from_str(front).unwrap();
        MarkdownSource {
            rel_path: rel_path.to_string(),
            display_path: Path::new("content").join(rel_path),
            front,
            body: String::new(),
            body_line: 1,
            front_fingerprint: 0,
            warnings: Vec::new(),
        }
    }

    #[test]
    fn folders_nest_in_tree_order_with_urls_that_follow_them() {
        let mut warnings = Vec::new();
        let nodes = tree(
            "/en/",
            Path::new("content/en"),
            vec![
                index(
                    "en/returns/_index.md",
                    "title = \"Returns\"\nweight = 2\nicon = \"return\"",
                ),
                index("en/account/_index.md", "title = \"Account\"\nweight = 1"),
                index("en/returns/policy/_index.md", "title = \"Policy\""),
            ],
            [
                "returns/policy/deep/er".to_string(),
                "Resources".to_string(),
            ]
            .into_iter(),
            &mut warnings,
        );
        let seen: Vec<(&str, &str, usize)> = nodes
            .iter()
            .map(|n| (n.folder.as_str(), n.url.as_str(), n.depth))
            .collect();
        assert_eq!(
            seen,
            [
                ("account", "/en/account/", 0),
                ("returns", "/en/returns/", 0),
                ("returns/policy", "/en/returns/policy/", 1),
                ("returns/policy/deep", "/en/returns/policy/deep/", 2),
                ("returns/policy/deep/er", "/en/returns/policy/deep/er/", 3),
                ("Resources", "/en/resources/", 0),
            ]
        );
        assert_eq!(nodes[1].sections, [2]);
        let icons: Vec<&str> = nodes.iter().map(|n| n.icon.as_str()).collect();
        assert_eq!(
            icons,
            ["help", "return", "return", "return", "return", "help"]
        );
        assert_eq!(nodes[3].parent, Some(2));
        assert_eq!(chain(&nodes, 4), [1, 2, 3, 4]);
        let shown: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert!(
            shown
                .iter()
                .any(|w| w.contains("content/en/Resources")
                    && w.contains("published as `resources`")),
            "{shown:?}"
        );
        assert!(
            shown
                .iter()
                .any(|w| w.contains("content/en/returns/policy/deep:")
                    && w.contains("titled `Deep`")),
            "{shown:?}"
        );
    }

    #[test]
    fn counts_add_up_the_sections_below() {
        let mut nodes = tree(
            "/en/",
            Path::new("content/en"),
            Vec::new(),
            ["a".to_string(), "a/b".to_string(), "a/b/c".to_string()].into_iter(),
            &mut Vec::new(),
        );
        nodes[0].articles = vec![0];
        nodes[1].articles = vec![1, 2];
        nodes[2].articles = vec![3];
        count_articles(&mut nodes);
        let totals: Vec<usize> = nodes.iter().map(|n| n.total_articles).collect();
        assert_eq!(totals, [4, 3, 1]);
    }

    #[test]
    fn a_chosen_slug_wins_over_the_folder_name() {
        let mut warnings = Vec::new();
        let nodes = tree(
            "/pl/",
            Path::new("content/pl"),
            vec![index(
                "pl/Zwroty i reklamacje/_index.md",
                "slug = \"zwroty\"",
            )],
            std::iter::empty(),
            &mut warnings,
        );
        assert_eq!(nodes[0].url, "/pl/zwroty/");
        assert!(
            warnings.iter().all(|w| w.rule != Some("renamed")),
            "{warnings:?}"
        );
    }
}
