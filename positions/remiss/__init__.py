"""From remiss to the authority and back: the members' input before drafting
(`member_input`, `input_links`), the delivery of the adopted response to the authority's
registrator (`delivery`), and the editors' screen for one consultation (`views`).

The records themselves are `positions.models.remiss`; the submission package is
`positions.submission_package`.
"""
