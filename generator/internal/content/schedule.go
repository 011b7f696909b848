package content

import (
	"sort"
	"sync"

	"github.com/tebiki/tebiki/wasm/decide"
)

// PageChange is a page published (Starts) or withdrawn on Date by its
// effective_from or effective_until, after the day the set was loaded for.
type PageChange struct {
	Date   decide.Date
	Starts bool
	Page   *Page
}

type pageSchedule struct {
	mu      sync.Mutex
	changes []PageChange
}

// noteChanges records the scheduled changes of pg after date.
func (s *Set) noteChanges(pg *Page, date decide.Date) {
	from, okf := decide.ParseDate(pg.EffectiveFrom)
	until, oku := decide.ParseDate(pg.EffectiveUntil)
	var add []PageChange
	if okf && date.Before(from) {
		add = append(add, PageChange{Date: from, Starts: true, Page: pg})
	}
	if oku && !until.Before(date) && (!okf || !until.Before(from)) {
		add = append(add, PageChange{Date: until.AddDays(1), Page: pg})
	}
	if len(add) == 0 {
		return
	}
	s.sched.mu.Lock()
	s.sched.changes = append(s.sched.changes, add...)
	s.sched.mu.Unlock()
}

// Changes returns the pages scheduled to be published or withdrawn after
// the day the set was loaded for, by date, then file.
func (s *Set) Changes() []PageChange {
	s.sched.mu.Lock()
	out := append([]PageChange(nil), s.sched.changes...)
	s.sched.mu.Unlock()
	sort.Slice(out, func(i, j int) bool {
		if out[i].Date != out[j].Date {
			return out[i].Date.Before(out[j].Date)
		}
		return out[i].Page.File < out[j].Page.File
	})
	return out
}
