// placeholder: replaced by the distributions
