package scaffold

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tebiki/tebiki/generator/internal/todo"
)

// A mark is a comment line to insert above the key at line (1-based),
// indented to col.
type mark struct {
	line, col int
	text      string
}

// insert adds the marks to text, each as a comment line above its key.
func insert(text string, marks []mark) string {
	lines := strings.SplitAfter(text, "\n")
	sort.SliceStable(marks, func(i, j int) bool { return marks[i].line > marks[j].line })
	for _, m := range marks {
		if m.line < 1 || m.line > len(lines) {
			continue
		}
		c := strings.Repeat(" ", m.col-1) + "# " + todo.Marker + ": " + m.text + "\n"
		lines = slices.Insert(lines, m.line-1, c)
	}
	return strings.Join(lines, "")
}

// mapping returns the top mapping of a YAML document, or nil.
func mapping(text string) *yaml.Node {
	var doc yaml.Node
	if yaml.Unmarshal([]byte(text), &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil
	}
	return doc.Content[0]
}

// keys calls f with every key of the mapping m and its value.
func keys(m *yaml.Node, f func(k, v *yaml.Node)) {
	if m == nil || m.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		f(m.Content[i], m.Content[i+1])
	}
}

// What a city's facts are, for the markers (Japanese / English).
var cityFacts = map[string]string{
	"name":       "市の名前 / the city's name",
	"prefecture": "都道府県 / the prefecture",
	"documents":  "この市が求める書類か確かめる / check that the city asks for these documents",
	"notices":    "この市の案内か確かめる / check that these notices are the city's",
}

var officeFacts = map[string]string{
	"id":       "窓口のID / the office's ID",
	"building": "庁舎の名前 / the building",
	"counter":  "窓口の名前 / the counter",
	"hours":    "受付時間 / the opening hours",
	"note":     "窓口の注意書き / the office's note",
}

var contactFacts = map[string]string{
	"name":    "問い合わせ先の名前 / the contact's name",
	"address": "住所 / the address",
	"phone":   "電話番号 / the phone number",
	"fax":     "ファクス番号 / the fax number",
}

var procFacts = map[string]string{
	"offices":  "手続きをする窓口 / the offices for this procedure",
	"fee":      "手数料 / the fee",
	"notes":    "注意書き / the notes",
	"outcomes": "結果ごとの持ち物と文を確かめる / check each outcome's documents and text",
}

// markCity marks the city-specific facts of a city.yaml and gives it weight.
func markCity(text string, name bool, weight int) string {
	m := mapping(text)
	if m == nil {
		return todo.Marker + ": " + text // unreadable: the check names it
	}
	var marks []mark
	keys(m, func(k, v *yaml.Node) {
		switch k.Value {
		case "name":
			if name {
				marks = append(marks, mark{k.Line, k.Column, cityFacts["name"]})
			}
		case "weight":
			if v.Kind == yaml.ScalarNode {
				lines := strings.SplitAfter(text, "\n")
				l := lines[v.Line-1]
				at := v.Column - 1
				if at+len(v.Value) <= len(l) && l[at:at+len(v.Value)] == v.Value {
					lines[v.Line-1] = l[:at] + strconv.Itoa(weight) + l[at+len(v.Value):]
					text = strings.Join(lines, "")
				}
			}
		case "offices":
			if v.Kind != yaml.SequenceNode {
				break
			}
			for _, o := range v.Content {
				keys(o, func(k, _ *yaml.Node) {
					if t, ok := officeFacts[k.Value]; ok && k.Value != "id" {
						marks = append(marks, mark{k.Line, k.Column, t})
					}
				})
			}
		case "contact":
			keys(v, func(k, _ *yaml.Node) {
				if t, ok := contactFacts[k.Value]; ok {
					marks = append(marks, mark{k.Line, k.Column, t})
				}
			})
		default:
			if t, ok := cityFacts[k.Value]; ok {
				marks = append(marks, mark{k.Line, k.Column, t})
			}
		}
	})
	return insert(text, marks)
}

// markProcedure marks the city-specific facts of a procedure file.
func markProcedure(text string) string {
	m := mapping(text)
	if m == nil {
		return todo.Marker + ": " + text
	}
	var marks []mark
	keys(m, func(k, _ *yaml.Node) {
		if t, ok := procFacts[k.Value]; ok {
			marks = append(marks, mark{k.Line, k.Column, t})
		}
	})
	return insert(text, marks)
}

// markPage puts a TODO paragraph at the start of a content page's text:
// in Japanese on a page in Japanese (as its language's html_lang says),
// else in English, naming the city cityEn.
func markPage(text string, japanese bool, cityEn string) string {
	msg := fmt.Sprintf("%s: rewrite this page (title, description and text) for %s.", todo.Marker, cityEn)
	if japanese {
		msg = todo.Marker + "：この市に合わせて、このページ（title、description、本文）を書き直してください。"
	}
	if strings.HasPrefix(text, "---\n") || strings.HasPrefix(text, "---\r\n") {
		rest := text[strings.Index(text, "\n")+1:]
		for off := 0; off < len(rest); {
			nl := strings.IndexByte(rest[off:], '\n')
			line := rest[off:]
			if nl >= 0 {
				line = rest[off : off+nl+1]
			}
			if strings.TrimRight(line, "\r\n") == "---" {
				end := len(text) - len(rest) + off + len(line)
				return text[:end] + msg + "\n\n" + strings.TrimLeft(text[end:], "\r\n")
			}
			if nl < 0 {
				break
			}
			off += nl + 1
		}
	}
	return msg + "\n\n" + text
}
