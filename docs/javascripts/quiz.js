// The weekly quizzes (hooks/quiz.py builds their HTML): each question's "Check" button
// compares the reader's answer with the right one and writes the verdict, the answer and
// its reason into the question's feedback box (aria-live="polite", so screen readers read
// it out). Everything happens in the page: nothing is sent anywhere.
//
// Without this script the buttons stay hidden and each question's <details> still shows
// the answer. The listeners sit on the document; the buttons are shown once Material has
// set the page up.

function verdict(question) {
  if (question.dataset.kind === "number") {
    const field = question.querySelector('input[type="number"]');
    const typed = field.value.trim();
    if (typed === "" || !Number.isFinite(Number(typed))) return { missing: "Type a number first." };
    const answer = Number(field.dataset.answer);
    const tolerance = Number(field.dataset.tolerance);
    // A little slack for decimals that binary floating point cannot hold exactly.
    const slack = tolerance + 1e-9 * Math.max(1, Math.abs(answer));
    return { right: Math.abs(Number(typed) - answer) <= slack };
  }
  const chosen = question.querySelector('input[type="radio"]:checked');
  if (!chosen) return { missing: "Choose an answer first." };
  return { right: chosen.hasAttribute("data-right") };
}

function check(question) {
  const feedback = question.querySelector(".quiz-feedback");
  const result = verdict(question);
  feedback.replaceChildren();
  feedback.classList.remove("quiz-right", "quiz-wrong");
  const status = document.createElement("p");
  status.className = "quiz-verdict";
  if (result.missing) {
    status.textContent = result.missing;
    feedback.append(status);
    return;
  }
  feedback.classList.add(result.right ? "quiz-right" : "quiz-wrong");
  status.textContent = result.right ? "Right." : "Not quite.";
  feedback.append(status);
  if (!result.right) feedback.append(question.querySelector(".quiz-solution").cloneNode(true));
  feedback.append(question.querySelector(".quiz-reason").cloneNode(true));
}

document.addEventListener("click", (event) => {
  const button = event.target.closest?.(".quiz-check");
  if (button) check(button.closest(".quiz-question"));
});

// Enter in a number field checks it, as it would submit a one-field form.
document.addEventListener("keydown", (event) => {
  const field = event.target;
  if (event.key === "Enter" && field.matches?.('.quiz-question input[type="number"]')) {
    event.preventDefault();
    check(field.closest(".quiz-question"));
  }
});

document$.subscribe(() => {
  for (const button of document.querySelectorAll(".quiz-check")) button.hidden = false;
});
