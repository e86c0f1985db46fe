"""The counselling room (辅导室): its hours, duty and which bookings fit."""
