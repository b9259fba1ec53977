"""Feedback for staff: the distribution of ratings, what helped, comments."""


def test_staff_see_ratings_and_comments(staff, client):
    client.post(
        "/nb/feedback",
        data={"rating": "4", "helped": ["library"], "missing": "Mer om fagbrev"},
    )
    page = staff.get("/feedback?days=30").get_data(as_text=True)
    assert "Mer om fagbrev" in page
