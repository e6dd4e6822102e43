"""Ukrainian and Russian text: the case forms of names, number words and the claim rules of the
Air Force's and the Defence Ministry's reports."""
