#!/usr/bin/env python3
"""Turns one language of a generated help center into an mdBook, for bench/mdbook.sh.

mdBook knows no front matter and no categories, so each article becomes a chapter whose
first line is its title as a heading, and each folder (category, section, deeper section)
becomes a chapter of its own, with its title and description, that the folder's articles
and subfolders nest under in SUMMARY.md. Links between articles keep their relative `.md`
paths, which mdBook turns into links to the chapters' pages, as helpbook does.

Usage: bench/mdbook_book.py SITE LANG BOOK
"""
import os
import re
import sys

FRONT_MATTER = re.compile(r"\A\+\+\+\n(.*?)\n\+\+\+\n?", re.S)


def split(text):
    """Returns (title, description, body) from an article or _index.md with TOML front matter."""
    match = FRONT_MATTER.match(text)
    if not match:
        return None, None, text
    keys = dict(re.findall(r'^(title|description) = "(.*)"$', match.group(1), re.M))
    return keys.get("title"), keys.get("description"), text[match.end():]


def link_text(title):
    return title.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def convert_folder(source, target, rel, depth, summary):
    """Writes the chapters of one folder and appends its lines to summary, articles first."""
    os.makedirs(target, exist_ok=True)
    names = sorted(os.listdir(source))
    for name in names:
        path = os.path.join(source, name)
        if not name.endswith(".md") or name == "_index.md" or not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as f:
            title, _, body = split(f.read())
        title = title or name[:-3]
        with open(os.path.join(target, name), "w", encoding="utf-8") as f:
            f.write(f"# {title}\n\n{body}")
        summary.append(f"{'  ' * depth}- [{link_text(title)}]({rel}{name})")
    for name in names:
        path = os.path.join(source, name)
        if not os.path.isdir(path):
            continue
        title, description, body = name, "", ""
        index = os.path.join(path, "_index.md")
        if os.path.exists(index):
            with open(index, encoding="utf-8") as f:
                found, description, body = split(f.read())
                title = found or name
        os.makedirs(os.path.join(target, name), exist_ok=True)
        with open(os.path.join(target, name, "index.md"), "w", encoding="utf-8") as f:
            f.write(f"# {title}\n\n{description or ''}\n\n{body}")
        summary.append(f"{'  ' * depth}- [{link_text(title)}]({rel}{name}/index.md)")
        convert_folder(path, os.path.join(target, name), f"{rel}{name}/", depth + 1, summary)


def main():
    site, lang, book = sys.argv[1:4]
    src = os.path.join(book, "src")
    summary = ["# Summary", ""]
    convert_folder(os.path.join(site, "content", lang), src, "", 0, summary)
    with open(os.path.join(src, "SUMMARY.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(summary) + "\n")
    with open(os.path.join(book, "book.toml"), "w", encoding="utf-8") as f:
        f.write(
            f'[book]\ntitle = "Benchmark Help"\nlanguage = "{lang}"\nsrc = "src"\n\n'
            "[output.html.search]\nenable = true\n"
        )


if __name__ == "__main__":
    main()
