SELECT fence FROM lock_fences WHERE name = :name
