// placeholder: replaced by the calendar
