package bench

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"gopkg.in/yaml.v3"
)

// YAML helpers.

func parseDoc(src []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, err
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, errors.New("expected a mapping")
	}
	return &doc, nil
}

func encodeDoc(doc *yaml.Node) ([]byte, error) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func scalar(v, tag string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v}
	if tag == "!!str" && (v == "yes" || v == "no" || v == "true" || v == "false") {
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

func mapGet(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func mapSet(m *yaml.Node, key string, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content[i+1] = v
			return
		}
	}
	m.Content = append(m.Content, scalar(key, "!!str"), v)
}

func mapDel(m *yaml.Node, key string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content = append(m.Content[:i:i], m.Content[i+2:]...)
			return
		}
	}
}

// mapInsertAfter adds key: v after the key after, or at the start.
func mapInsertAfter(m *yaml.Node, after, key string, v *yaml.Node) {
	at := 0
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == after {
			at = i + 2
		}
	}
	m.Content = append(m.Content[:at:at], append([]*yaml.Node{scalar(key, "!!str"), v}, m.Content[at:]...)...)
}

// replaceStrings applies f to every string scalar and comment under n.
func replaceStrings(n *yaml.Node, f func(string) string) {
	if n.Kind == yaml.ScalarNode && (n.Tag == "!!str" || n.Tag == "") {
		n.Value = f(n.Value)
	}
	n.HeadComment, n.LineComment, n.FootComment = f(n.HeadComment), f(n.LineComment), f(n.FootComment)
	for _, c := range n.Content {
		replaceStrings(c, f)
	}
}

// stripLanguages removes the keys in drop (codes of the repository's
// languages other than ja and en) from every text under n, a mapping with a
// "ja" key: the generated projects are in ja and en only.
func stripLanguages(n *yaml.Node, drop map[string]bool) {
	if n.Kind == yaml.MappingNode && mapGet(n, "ja") != nil {
		kept := n.Content[:0]
		for i := 0; i+1 < len(n.Content); i += 2 {
			if !drop[n.Content[i].Value] {
				kept = append(kept, n.Content[i], n.Content[i+1])
			}
		}
		n.Content = kept
	}
	for _, c := range n.Content {
		stripLanguages(c, drop)
	}
}

// jaEnOnly is src, a YAML file, without the texts of the languages in drop;
// src itself if drop is empty.
func jaEnOnly(src []byte, drop map[string]bool) ([]byte, error) {
	if len(drop) == 0 {
		return src, nil
	}
	doc, err := parseDoc(src)
	if err != nil {
		return nil, err
	}
	stripLanguages(doc, drop)
	return encodeDoc(doc)
}

// Files.

func copyFile(src fs.FS, p, dir string) error {
	b, err := fs.ReadFile(src, p)
	if err != nil {
		return err
	}
	dst := filepath.Join(dir, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o644)
}

func copyTree(src fs.FS, root, dir string) error {
	return fs.WalkDir(src, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, filepath.FromSlash(p)), 0o755)
		}
		return copyFile(src, p, dir)
	})
}
