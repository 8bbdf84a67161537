"""A small HTML tree for accessibility checks in page tests (the standard library's parser; no extra packages).

`parse(html)` gives the document root; each Node has tag, attrs, children, parent and text(). The checks
read the markup the way a screen reader finds names: label[for], a wrapping label, aria-label(ledby).
"""

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, *tags, **attrs):
        return [
            node
            for node in self.iter()
            if (not tags or node.tag in tags) and all(node.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())
        ]

    def text(self):
        return " ".join(
            " ".join((c.text() if isinstance(c, Node) else c).split()) for c in self.children
        ).strip()

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>"


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, [(k, "" if v is None else v) for k, v in attrs], self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        node = Node(tag, [(k, "" if v is None else v) for k, v in attrs], self.current)
        self.current.children.append(node)

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html: str) -> Node:
    builder = _Builder()
    builder.feed(html)
    return builder.root


def by_id(root: Node) -> dict:
    return {node.attrs["id"]: node for node in root.iter() if "id" in node.attrs}


def controls(root: Node):
    """Form controls a user fills in or presses (not hidden inputs)."""
    return [
        node
        for node in root.find_all("input", "select", "textarea")
        if node.attrs.get("type") not in ("hidden", "submit", "button")
    ]


def accessible_name(node: Node, root: Node) -> str:
    """The control's name as assistive technology computes it (the parts of it these pages use)."""
    if node.attrs.get("aria-label", "").strip():
        return node.attrs["aria-label"].strip()
    ids = by_id(root)
    if node.attrs.get("aria-labelledby"):
        return " ".join(ids[i].text() for i in node.attrs["aria-labelledby"].split() if i in ids).strip()
    if "id" in node.attrs:
        for label in root.find_all("label"):
            if label.attrs.get("for") == node.attrs["id"]:
                return label.text()
    for ancestor in node.ancestors():
        if ancestor.tag == "label":
            return ancestor.text()
    return node.attrs.get("title", "").strip()


def unlabelled(html: str) -> list:
    root = parse(html)
    return [node for node in controls(root) if not accessible_name(node, root)]


def dangling_references(html: str) -> list:
    """(element, attribute, id) for every aria-describedby / aria-labelledby / label[for] id missing from the page."""
    root = parse(html)
    ids = by_id(root)
    missing = []
    for node in root.iter():
        for attr in ("aria-describedby", "aria-labelledby", "for"):
            if attr == "for" and node.tag != "label":
                continue
            for ref in node.attrs.get(attr, "").split() if attr in node.attrs else []:
                if ref not in ids:
                    missing.append((node, attr, ref))
            if attr == "for" and node.attrs.get("for") == "":
                missing.append((node, attr, ""))
    return missing


def empty_header_cells(html: str) -> list:
    """<th> cells a screen reader would announce as a blank column or row heading."""
    return [node for node in parse(html).find_all("th") if not node.text()]
