"""The dashboard (工作台): what needs the counsellor's attention today, and the school at a glance."""
