package yamlx

import "sync"

// Strings keeps one copy of each string given to Intern, for the texts a
// load decodes and keeps: cities made from the same template repeat the
// same texts, and a national project of 1,741 cities has 121,000 texts of
// which 15,000 differ. It is safe for concurrent use; the zero value is
// ready, and a nil *Strings keeps every string as given.
type Strings struct {
	mu sync.Mutex
	m  map[string]string
}

// Intern returns the copy kept of s, keeping s when it is the first.
func (t *Strings) Intern(s string) string {
	if t == nil || s == "" {
		return s
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if kept, ok := t.m[s]; ok {
		return kept
	}
	if t.m == nil {
		t.m = map[string]string{}
	}
	t.m[s] = s
	return s
}

// Len is the number of different strings kept.
func (t *Strings) Len() int {
	if t == nil {
		return 0
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.m)
}
