package tone

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Protected lists, once each, the tokens of text that any rewording must
// keep byte for byte (see Keeps), for a model prompt.
func Protected(text string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range techTokens(text) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// ModelVerdict is a model's answer about an offline candidate: whether the
// comment is really harsh and, if so, its rewording.
type ModelVerdict struct {
	Harsh     bool   `json:"harsh"`
	Rewording string `json:"rewording"`
}

// ReadVerdict parses a model's answer: one JSON object, perhaps inside a
// ```json fence. A harsh verdict must carry a rewording.
func ReadVerdict(answer string) (ModelVerdict, error) {
	s := strings.TrimSpace(answer)
	if strings.HasPrefix(s, "```") {
		s = strings.TrimPrefix(s, "```json")
		s = strings.TrimPrefix(s, "```")
		s = strings.TrimSuffix(strings.TrimSpace(s), "```")
	}
	var v struct {
		Harsh     *bool  `json:"harsh"`
		Rewording string `json:"rewording"`
	}
	if err := json.Unmarshal([]byte(strings.TrimSpace(s)), &v); err != nil {
		return ModelVerdict{}, fmt.Errorf("reading the model's verdict: %w", err)
	}
	if v.Harsh == nil {
		return ModelVerdict{}, errors.New("the model's verdict has no \"harsh\" field")
	}
	if *v.Harsh && strings.TrimSpace(v.Rewording) == "" {
		return ModelVerdict{}, errors.New("the model called the comment harsh but wrote no rewording")
	}
	return ModelVerdict{Harsh: *v.Harsh, Rewording: strings.TrimSpace(v.Rewording)}, nil
}
