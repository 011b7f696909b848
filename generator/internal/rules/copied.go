package rules

import (
	"sort"
	"strings"

	"github.com/tebiki/tebiki/generator/internal/diag"
)

// warnCopied warns where a city shares its name, its phone number or an
// office building with another city: what is left of a city copied to
// start a new one. Which of the two is the copy cannot be told, so each
// warning is at the city later by ID and names the place in the other. Two cities may share a name in different
// prefectures (府中市 in Tokyo and in Hiroshima), so names and buildings
// count as the same only within a prefecture; and many cities call their
// building 本庁舎, so a building counts only when it is named after one of
// the two cities (三田市役所). Warnings do not stop a build.
func warnCopied(cities []*City, langs []string, errs *diag.List) {
	sorted := append([]*City(nil), cities...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	names := map[string]diag.Pos{}
	phones := map[string]diag.Pos{}
	buildings := map[string]building{}
	for _, c := range sorted {
		pref := strings.Join(c.Prefecture.Values(), "\x00")
		own := map[string]bool{} // the same name in two languages is one name
		for _, n := range inOrder(c.Name, langs) {
			if n == "" || own[n] {
				continue
			}
			own[n] = true
			k := pref + "\x00" + n
			if first, ok := names[k]; ok {
				errs.Warn(c.Name.Pos, diag.T("one was probably copied from the other; give each city its own name"), "the city name %q is also used at %s", n, first.String())
				break
			}
			names[k] = c.Name.Pos
		}
		if ct := c.Contact; ct != nil {
			if digits := onlyDigits(ct.Phone); digits != "" {
				if first, ok := phones[digits]; ok {
					errs.Warn(ct.Pos, diag.T("one was probably copied from the other; give each city its own phone number"), "the phone number %q is also used at %s", ct.Phone, first.String())
				} else {
					phones[digits] = ct.Pos
				}
			}
		}
		seen := map[string]bool{} // a city may have several counters in one building
		for _, o := range c.Offices {
			for _, b := range inOrder(o.Building, langs) {
				k := pref + "\x00" + b
				if b == "" || seen[k] {
					continue
				}
				seen[k] = true
				first, ok := buildings[k]
				if !ok {
					buildings[k] = building{o.Building.Pos, c}
					continue
				}
				// "本庁舎" (the main building) is what many cities call
				// theirs; a building named after a city ("三田市役所") is its own.
				if namedAfter(b, c) || namedAfter(b, first.city) {
					errs.Warn(o.Building.Pos, diag.T("one was probably copied from the other; give each city its own offices"), "the office building %q is also used at %s", b, first.pos.String())
					break
				}
			}
		}
	}
}

type building struct {
	pos  diag.Pos
	city *City
}

// namedAfter reports whether the name of a building holds the name of
// city c ("三田市役所" holds "三田市", "三田").
func namedAfter(b string, c *City) bool {
	for _, name := range c.Name.Values() { // any language
		if name == "" {
			continue
		}
		if strings.Contains(b, name) {
			return true
		}
		short := strings.TrimRight(name, "市町村区")
		if short != "" && short != name && strings.Contains(b, short) {
			return true
		}
	}
	return false
}

func onlyDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// inOrder lists t in the site's languages, in order: messages name the
// main language's text first.
func inOrder(t Text, langs []string) []string {
	out := make([]string, 0, len(langs))
	for _, l := range langs {
		out = append(out, t.In(l))
	}
	return out
}
